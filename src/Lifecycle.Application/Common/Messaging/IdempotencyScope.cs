namespace Lifecycle.Application.Common.Messaging;

/// <summary>
/// The event key of the message being handled in this scope. Set from <see cref="IIdempotentCommand"/> or by
/// the durable dispatchers (inbox, outbox, timers) so that re-running a message after a crash changes nothing.
/// </summary>
public sealed class IdempotencyScope
{
    public string? EventKey { get; set; }
}
