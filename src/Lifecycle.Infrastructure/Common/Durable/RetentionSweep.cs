using FluentValidation;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary><c>Lifecycle:Retention</c>: how long finished durable rows are kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Lifecycle:Retention";

    /// <summary>
    /// Done and unmatched inbox rows and processed-event rows: the window in which a re-delivered event is still
    /// recognised as a duplicate (guide §7: 7 days). An unmatched row is kept for inspection as long.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Done or cancelled outbox and timer rows.</summary>
    public TimeSpan CompletedWork { get; set; } = TimeSpan.FromDays(7);
}

internal sealed class RetentionOptionsValidator : AbstractValidator<RetentionOptions>
{
    public RetentionOptionsValidator()
    {
        RuleFor(options => options.DeduplicationWindow).GreaterThanOrEqualTo(TimeSpan.FromDays(1)).WithMessage("must be at least one day (was {PropertyValue})");
        RuleFor(options => options.CompletedWork).GreaterThanOrEqualTo(TimeSpan.FromHours(1)).WithMessage("must be at least one hour (was {PropertyValue})");
    }
}

/// <summary>
/// Deletes durable rows whose job is done and whose retention has passed. Pending and dead-lettered rows are never
/// deleted: they are work still owed, or evidence an operator has to look at. Unmatched inbox rows are an expected
/// outcome, not a fault, and a flood of them must not grow the table for ever: they go with the done ones.
/// </summary>
internal sealed class RetentionSweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options)
{
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var now = clock.GetUtcNow();
        var dedupBefore = now - options.Value.DeduplicationWindow;
        var workBefore = now - options.Value.CompletedWork;
        var finished = new[] { WorkStatus.Done, WorkStatus.Cancelled };
        var handled = new[] { WorkStatus.Done, WorkStatus.Unmatched };

        return await db.ProcessedEvents.Where(row => row.ProcessedAt < dedupBefore).ExecuteDeleteAsync(ct)
            + await db.Inbox.Where(row => handled.Contains(row.Status) && row.CompletedAt < dedupBefore).ExecuteDeleteAsync(ct)
            + await db.Outbox.Where(row => finished.Contains(row.Status) && row.CompletedAt < workBefore).ExecuteDeleteAsync(ct)
            + await db.Timers.Where(row => finished.Contains(row.Status) && row.CompletedAt < workBefore).ExecuteDeleteAsync(ct);
    }
}
