using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle.Messaging;

/// <summary>
/// A rung of the channel ladder, implemented by the product module that owns the channel (SMS, WhatsApp). The core
/// decides which rung to use; the module knows how to render and queue a message on it.
/// </summary>
public interface IMessageChannel
{
    Channel Channel { get; }

    /// <summary>The notification has a template for this channel.</summary>
    bool CanCarry(NotificationDefinition notification);

    bool IsOptedOut(User user);

    /// <summary>The text we record for the message (and send, for SMS).</summary>
    string Render(NotificationDefinition notification, IReadOnlyDictionary<string, string> variables);

    /// <summary>Adds the outbox work that sends <paramref name="message"/> (in the current transaction).</summary>
    Task QueueAsync(OutboundMessage message, NotificationDefinition notification, CancellationToken ct);
}
