using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lifecycle.Infrastructure.Common.Scheduling;

/// <summary>
/// A command a module wants sent on a cron schedule (the inactivity scan, the segment sync). Modules register these;
/// <see cref="ScheduledCommandsStarter"/> schedules them when this instance runs the workers.
/// </summary>
/// <param name="Name">The job's name in Quartz.</param>
/// <param name="ConfigurationKey">Where the cron expression is configured, for start-up errors.</param>
/// <param name="Cron">Reads the expression from the validated options; empty turns the job off.</param>
internal sealed record ScheduledCommand(string Name, string ConfigurationKey, Type Command, Func<IServiceProvider, string> Cron);

internal static class ScheduledCommandRegistration
{
    /// <summary>Sends a new <typeparamref name="TCommand"/> whenever the cron expression read by <paramref name="cron"/> fires.</summary>
    public static IServiceCollection AddScheduledCommand<TCommand, TOptions>(
        this IServiceCollection services, string name, string configurationKey, Func<TOptions, string> cron)
        where TCommand : IBaseCommand, new()
        where TOptions : class
    {
        services.AddSingleton(new ScheduledCommand(name, configurationKey, typeof(TCommand), provider => cron(provider.GetRequiredService<IOptions<TOptions>>().Value)));
        services.AddSingleton<IValidateOptions<TOptions>>(new CronValidator<TOptions>(configurationKey, cron));
        return services;
    }
}

/// <summary>Checks a cron expression at start-up, naming its configuration key.</summary>
internal sealed class CronValidator<TOptions>(string configurationKey, Func<TOptions, string> cron) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (cron(options) is not { Length: > 0 } expression)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            _ = new CronExpression(expression);
            return ValidateOptionsResult.Success;
        }
        catch (FormatException problem)
        {
            return ValidateOptionsResult.Fail($"{configurationKey}: '{expression}' is not a Quartz cron expression (seconds first, e.g. \"0 0 3 * * ?\"): {problem.Message}");
        }
    }
}

/// <summary>Schedules every <see cref="ScheduledCommand"/> on Quartz (replacing the stored trigger, so a changed expression takes effect).</summary>
internal sealed class ScheduledCommandsStarter(IEnumerable<ScheduledCommand> commands, ISchedulerFactory schedulers, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var command in commands)
        {
            if (command.Cron(services) is not { Length: > 0 } cron)
            {
                await scheduler.DeleteJob(new JobKey(command.Name), cancellationToken);
                continue;
            }

            var job = JobBuilder.Create<ScheduledCommandJob>()
                .WithIdentity(command.Name)
                .UsingJobData(ScheduledCommandJob.CommandKey, command.Command.AssemblyQualifiedName!)
                .DisallowConcurrentExecution()
                .Build();
            var trigger = TriggerBuilder.Create().WithIdentity($"{command.Name}-trigger").WithCronSchedule(cron).Build();
            await scheduler.ScheduleJob(job, new[] { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

[DisallowConcurrentExecution]
internal sealed class ScheduledCommandJob(IServiceScopeFactory scopes) : IJob
{
    public const string CommandKey = "command";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var type = Type.GetType(context.MergedJobDataMap.GetString(CommandKey)!, throwOnError: true)!;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(Activator.CreateInstance(type)!, ct);
    }
}
