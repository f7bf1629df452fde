using Microsoft.EntityFrameworkCore.Query;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>Stored as its name (at most 16 characters).</summary>
internal enum WorkStatus
{
    Pending,
    Done,
    DeadLettered,
    Cancelled,

    /// <summary>
    /// An inbox event for a record we never had, given up after <see cref="InboxOptions.UnmatchedAfterAttempts"/>:
    /// never claimed again, kept for inspection like a done row.
    /// </summary>
    Unmatched,
}

/// <summary>
/// A row of durable work (outbox message, inbox event, timer): due at <see cref="NotBefore"/>, leased to one
/// worker at a time, retried with backoff, and dead-lettered with its last error when the attempts run out.
/// </summary>
internal abstract class WorkItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public WorkStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset NotBefore { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public string? LockedBy { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class OutboxMessageRow : WorkItem
{
    public required string Type { get; init; }

    public required string Payload { get; init; }
}

internal sealed class InboxEventRow : WorkItem
{
    public required string Source { get; init; }

    public required string EventKey { get; init; }

    public required string EventType { get; init; }

    public required string Payload { get; init; }
}

internal sealed class TimerRow : WorkItem
{
    public required string Key { get; init; }

    public required string Type { get; init; }

    public required string Payload { get; init; }
}

/// <summary>An event key already handled, with the JSON of its first outcome.</summary>
internal sealed class ProcessedEvent
{
    public required string EventKey { get; init; }

    public string? Outcome { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}

internal static class WorkItemSetters
{
    /// <summary>The one way a leased row is marked done: its lease released and the time it was finished.</summary>
    public static UpdateSettersBuilder<TRow> MarkDone<TRow>(this UpdateSettersBuilder<TRow> set, DateTimeOffset now)
        where TRow : WorkItem =>
        set.SetProperty(item => item.Status, WorkStatus.Done)
            .SetProperty(item => item.LockedBy, (string?)null)
            .SetProperty(item => item.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(item => item.CompletedAt, now);
}
