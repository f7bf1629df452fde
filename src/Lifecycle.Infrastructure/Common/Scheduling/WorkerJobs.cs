using FluentValidation;
using Lifecycle.Infrastructure.Common.Durable;
using Quartz;

namespace Lifecycle.Infrastructure.Common.Scheduling;

/// <summary><c>Lifecycle:Workers</c>: whether this instance runs the background loops, and how often they poll.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Lifecycle:Workers";

    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

internal sealed class WorkerOptionsValidator : AbstractValidator<WorkerOptions>
{
    public WorkerOptionsValidator() =>
        RuleFor(options => options.PollInterval)
            .InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10))
            .WithMessage("must be between 00:00:00.1 and 00:10:00 (was {PropertyValue})");
}

[DisallowConcurrentExecution]
internal sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await dispatcher.DrainAsync(ct);
}

[DisallowConcurrentExecution]
internal sealed class InboxProcessJob(InboxProcessor processor) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await processor.DrainAsync(ct);
}

[DisallowConcurrentExecution]
internal sealed class TimerPollJob(TimerPoller poller) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await poller.DrainAsync(ct);
}

[DisallowConcurrentExecution]
internal sealed class RetentionSweepJob(RetentionSweep sweep) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await sweep.SweepAsync(ct);
}
