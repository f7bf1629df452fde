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
        Variables = new Dictionary<string, string>();
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public Channel Channel { get; private set; }

    public string Notification { get; private set; }

    public string Body { get; private set; }

    /// <summary>The notification's variables, so a retry or a fallback sends the same content.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; private set; }

    /// <summary>Groups every attempt of one notification: the id of its first message.</summary>
    public Guid DeliveryId { get; private set; }

    /// <summary>1 for the first send on this channel, 2 for its retry…</summary>
    public int Attempt { get; private set; }

    /// <summary>Set once a failure of this message has been acted on (retried or handed to the next channel).</summary>
    public bool Escalated { get; private set; }

    public MessageStatus Status { get; private set; }

    public string? StatusDetail { get; private set; }

    public string? ProviderId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The recipient's personal data has been erased: nothing more of them is kept, not even in callbacks.</summary>
    public bool RecipientErased { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static OutboundMessage Queue(
        UserId userId, Channel channel, string notification, string body, DateTimeOffset now, IReadOnlyDictionary<string, string>? variables = null)
    {
        var id = Guid.CreateVersion7(now);
        return new OutboundMessage
        {
            Id = id,
            DeliveryId = id,
            Attempt = 1,
            UserId = userId,
            Channel = channel,
            Notification = notification,
            Body = body,
            Variables = variables ?? new Dictionary<string, string>(),
            Status = MessageStatus.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// The next attempt of this delivery — a retry on the same channel or the next rung of the ladder — with the
    /// same notification and variables. This message is marked escalated so that its failure is acted on once.
    /// </summary>
    public OutboundMessage Escalate(Channel channel, string body, DateTimeOffset now)
    {
        Escalated = true;
        UpdatedAt = now;
        return new OutboundMessage
        {
            Id = Guid.CreateVersion7(now),
            DeliveryId = DeliveryId,
            Attempt = channel == Channel ? Attempt + 1 : 1,
            UserId = UserId,
            Channel = channel,
            Notification = Notification,
            Body = body,
            Variables = Variables,
            Status = MessageStatus.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Withdraws a message not yet handed to the provider: it fails, and no other channel takes it up.</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        if (Status != MessageStatus.Queued)
        {
            throw new InvalidOperationException($"Only a queued message can be withdrawn (it is {Status}).");
        }

        Advance(MessageStatus.Failed, reason, now);
        Escalated = true;
    }

    /// <summary>Records that no channel is left to try after this message's failure.</summary>
    public void GiveUp(string reason, DateTimeOffset now)
    {
        Escalated = true;
        StatusDetail = StatusDetail is null ? reason : $"{StatusDetail}; {reason}";
        UpdatedAt = now;
    }

    /// <summary>
    /// About to hand the message to the provider. Committed before the request, so that a crash between request and
    /// answer leaves a message that may have gone out — never one that looks unsent and is sent again.
    /// </summary>
    /// <summary>How much of a provider's explanation is kept (the column's width).</summary>
    public const int MaxDetail = 256;

    public void MarkSending(DateTimeOffset now) => Advance(MessageStatus.Sending, null, now);

    /// <summary>The provider clearly refused the request (unreachable, rate limit): nothing went out, it may go again.</summary>
    public void Requeue(DateTimeOffset now)
    {
        if (Status != MessageStatus.Sending)
        {
            throw new InvalidOperationException($"Only a message being sent can go back to the queue (it is {Status}).");
        }

        Status = MessageStatus.Queued;
        StatusDetail = null;
        UpdatedAt = now;
    }

    /// <summary>The provider may or may not have taken it: the message stays <see cref="MessageStatus.Sending"/> until settled.</summary>
    public void RecordUnknownOutcome(string reason, DateTimeOffset now)
    {
        var detail = reason.StartsWith("outcome unknown", StringComparison.Ordinal) ? reason : $"outcome unknown: {reason}";
        StatusDetail = detail.Length > MaxDetail ? detail[..MaxDetail] : detail;
        UpdatedAt = now;
    }

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

        var handedOver = Status <= MessageStatus.Sending && status > MessageStatus.Sending;
        Status = status;
        StatusDetail = detail;
        UpdatedAt = now;
        if (handedOver)
        {
            Raise(new OutboundMessageHandedOver(Id, UserId, Notification, status));
        }

        return true;
    }

    /// <summary>
    /// Erases what the message said (its body, its variables and the provider's explanation, any of which may name the
    /// user or their number); its channel, notification, status and provider id stay for the history.
    /// </summary>
    public void ErasePersonalData()
    {
        Body = string.Empty;
        Variables = new Dictionary<string, string>();
        StatusDetail = null;
        RecipientErased = true;
    }
}
