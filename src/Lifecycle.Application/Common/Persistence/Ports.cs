using Lifecycle.Application.Common.Messaging;
using Lifecycle.Domain.Common;

namespace Lifecycle.Application.Common.Persistence;

/// <summary>One database transaction around a handler, its outbox and timer rows and its processed-event row.</summary>
public interface IUnitOfWork
{
    Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> work, string? eventKey, CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="work"/> outside any transaction — its reads and its calls to Exotel — then commits what it
    /// changed in one transaction. Optimistic concurrency (aggregate versions) refuses the commit if someone else
    /// changed the same records meanwhile. No write lock is held while a provider answers.
    /// </summary>
    Task<TResult> CommitAfterAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> work, string? eventKey, CancellationToken ct);
}

/// <summary>Outcomes of events already handled, so a re-delivery answers the first outcome.</summary>
public interface IProcessedEvents
{
    /// <summary>The JSON of the first outcome, or null when the event has not been processed.</summary>
    Task<string?> FindOutcomeAsync(string eventKey, CancellationToken ct);
}

/// <summary>Adds outbound work to the current transaction; it is dispatched once that transaction commits.</summary>
public interface IOutbox
{
    void Enqueue(IOutboxMessage message, DateTimeOffset? notBefore = null);
}

/// <summary>Due-time rows written and cancelled inside the current transaction.</summary>
public interface ITimers
{
    void Schedule(string key, DateTimeOffset dueAt, ITimerCommand command);

    Task CancelAsync(string key, CancellationToken ct);

    /// <summary>Cancels every pending timer whose key starts with <paramref name="keyPrefix"/>.</summary>
    Task CancelAllAsync(string keyPrefix, CancellationToken ct);

    /// <summary>
    /// Writes many timers at once, in bulk statements inside the current transaction (which must be open): for set-based
    /// work such as the inactivity scan, where one row per user through the change tracker would be far too slow.
    /// </summary>
    Task ScheduleManyAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct);

    /// <summary>The keys of the pending timers whose key starts with <paramref name="keyPrefix"/>.</summary>
    Task<IReadOnlySet<string>> PendingKeysAsync(string keyPrefix, CancellationToken ct);
}

public sealed record ScheduledTimer(string Key, DateTimeOffset DueAt, ITimerCommand Command);

/// <summary>Reacts to a domain event inside the transaction that raised it.</summary>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}
