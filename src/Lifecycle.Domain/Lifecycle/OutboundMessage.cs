using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>
/// A message we asked a provider to deliver to a user, and the delivery state its callbacks report.
/// Callbacks arrive out of order and more than once, so a status only ever moves forward.
/// </summary>
public sealed class OutboundMessage : AggregateRoot
{
    private OutboundMessage()
    {
        Notification = string.Empty;
        Body = string.Empty;
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public Channel Channel { get; private set; }

    public string Notification { get; private set; }

    public string Body { get; private set; }

    public MessageStatus Status { get; private set; }

    public string? StatusDetail { get; private set; }

    public string? ProviderId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static OutboundMessage Queue(UserId userId, Channel channel, string notification, string body, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Channel = channel,
            Notification = notification,
            Body = body,
            Status = MessageStatus.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        };

    public void MarkSubmitted(string providerId, DateTimeOffset now)
    {
        ProviderId = providerId;
        Advance(MessageStatus.Submitted, null, now);
    }

    /// <summary>Applies a reported status; returns false when it is stale (older than what we already know).</summary>
    public bool Advance(MessageStatus status, string? detail, DateTimeOffset now)
    {
        var stale = Status.IsTerminal()
            ? !(Status == MessageStatus.Delivered && status == MessageStatus.Seen)
            : status < Status;
        if (stale || status == Status)
        {
            return false;
        }

        Status = status;
        StatusDetail = detail;
        UpdatedAt = now;
        return true;
    }
}
