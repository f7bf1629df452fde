namespace Lifecycle.Application.Common.Messaging;

/// <summary>
/// The event key of the message being handled in this scope. Set from <see cref="IIdempotentCommand"/> or by
/// the durable dispatchers (inbox, outbox, timers) so that re-running a message after a crash changes nothing.
/// </summary>
public sealed class IdempotencyScope
{
    public string? EventKey { get; set; }

    /// <summary>
    /// Set by a dispatcher that has already looked <see cref="EventKey"/> up — with the keys of other messages, in one
    /// query — and found no outcome stored: the pipeline need not look again. A concurrent run that stored one since
    /// is still refused by the key's unique index when this run commits.
    /// </summary>
    public bool KnownUnprocessed { get; set; }
}
