using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.Infrastructure.Common.Scheduling;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.Infrastructure.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Lifecycle.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Lifecycle";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingletonTimeProvider();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section);
        var connectionString = configuration.GetConnectionString(ConnectionStringName) ?? "Data Source=lifecycle.db";
        AddPersistence(services, database.Provider, connectionString);

        services.AddValidatedOptions<OutboxOptions, OutboxOptionsValidator>(OutboxOptions.Section);
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxLeaseValidator>();
        services.AddSingleton<OutboxRateLimiter>();
        services.AddValidatedOptions<InboxOptions, InboxOptionsValidator>(InboxOptions.Section);
        services.AddValidatedOptions<TimerOptions, DurableWorkOptionsValidator<TimerOptions>>(TimerOptions.Section);
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<TimerPoller>();
        services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.Section);
        services.AddSingleton<RetentionSweep>();
        services.AddSingleton<InboxWakeup>();
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<IInbox>(provider => provider.GetRequiredService<InboxWriter>());
        services.AddHostedService(provider => provider.GetRequiredService<InboxWriter>());

        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.Section);
        services.AddSingleton<IWebhookAuthenticator, WebhookAuthenticator>();
        services.AddSingleton<IWebhookPayloadParser, WebhookPayloadParser>();

        AddExotel(services);
        AddWorkers(services, configuration, database.Provider, connectionString);
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(descriptor => descriptor.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void AddPersistence(IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresLifecycleDbContext>(options => options.UseNpgsql(PostgresConnectionString.WithDefaults(connectionString)).AddInterceptors(StatementAheadInterceptor.Instance));
            services.AddScoped<LifecycleDbContext>(sp => sp.GetRequiredService<PostgresLifecycleDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqliteLifecycleDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(StatementAheadInterceptor.Instance, SqliteBusyTimeoutInterceptor.Instance));
            services.AddScoped<LifecycleDbContext>(sp => sp.GetRequiredService<SqliteLifecycleDbContext>());
        }

        services.AddHostedService<DatabaseMigrator>();
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddScoped<IProcessedEvents, EfProcessedEvents>();
        services.AddScoped<IOutbox, EfOutbox>();
        services.AddScoped<IInboxInTransaction, EfInboxInTransaction>();
        services.AddScoped<CurrentInboxEvent>();
        services.AddScoped<ICurrentWebhookEvent>(provider => provider.GetRequiredService<CurrentInboxEvent>());
        services.AddScoped<ITimers, EfTimers>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IOutboundMessageRepository, OutboundMessageRepository>();
        services.AddScoped<ITimelineReader, TimelineReader>();
        services.AddScoped<IConversationRepository, ConversationRepository>();
        services.AddScoped<ICallRepository, CallRepository>();
        services.AddScoped<IUserDataOwner, CoreUserData>();
        services.AddScoped<ITicketRepository, TicketRepository>();
        services.AddScoped<IInactiveUsers, InactiveUsers>();
        services.AddScheduledCommand<RunInactivityScan, ScanOptions>("inactivity-scan", $"{ScanOptions.Section}:Cron", scan => scan.Cron);
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
    }

    private static void AddExotel(IServiceCollection services)
    {
        services.AddValidatedOptions<ExotelOptions, ExotelOptionsValidator>(ExotelOptions.Section);
        services.AddSingleton<ExotelEndpointResolver>();
        services.AddTransient<ExotelBasicAuth>();
        services.AddTransient<ExotelVerifyAuth>();
        services.AddTransient<CqaApiKeyAuth>();
    }

    private static void AddWorkers(IServiceCollection services, IConfiguration configuration, DatabaseProvider provider, string connectionString)
    {
        services.AddValidatedOptions<WorkerOptions, WorkerOptionsValidator>(WorkerOptions.Section);
        var workers = configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        if (!workers.Enabled)
        {
            return;
        }

        services.AddQuartz(quartz =>
        {
            if (provider == DatabaseProvider.Postgres)
            {
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering();
                    store.UseSystemTextJsonSerializer();
                    store.ProvisionSchema();
                });
            }
            else
            {
                quartz.UseInMemoryStore();
            }

            Poll<OutboxDispatchJob>(quartz, "outbox-dispatch", workers.PollInterval);
            Poll<InboxProcessJob>(quartz, "inbox-process", workers.PollInterval);
            Poll<TimerPollJob>(quartz, "timer-poll", workers.PollInterval);
            Poll<RetentionSweepJob>(quartz, "retention-sweep", TimeSpan.FromHours(1));
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<InboxDrainOnWakeup>();
        services.AddHostedService<ScheduledCommandsStarter>();
    }

    private static void Poll<TJob>(IQuartzBuilder quartz, string name, TimeSpan interval)
        where TJob : class, IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity($"{name}-trigger")
                .StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(name).DisallowConcurrentExecution());
}
