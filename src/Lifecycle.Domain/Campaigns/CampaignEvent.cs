using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Campaigns;

/// <summary>What a campaign event says happened, in our words.</summary>
public enum CampaignEventKind
{
    Sent,
    Delivered,

    /// <summary>The user answered a step of the sequence, on any channel.</summary>
    Responded,
    Failed,

    /// <summary>The sequence ran to its end for the contact (or the whole campaign did).</summary>
    Completed,

    /// <summary>A word we do not know: recorded, not acted on.</summary>
    Other,
}

/// <summary>One per-contact campaign event as reported to us (guide §3.5: send/delivery/response events).</summary>
public sealed class CampaignEvent
{
    private CampaignEvent()
    {
        EventKey = string.Empty;
        Name = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>What de-duplicates the event (the webhook's event key).</summary>
    public string EventKey { get; private set; }

    public CampaignEventKind Kind { get; private set; }

    /// <summary>The event's own word, kept as sent (unknown words too).</summary>
    public string Name { get; private set; }

    public string? CampaignId { get; private set; }

    public string? Phone { get; private set; }

    public UserId? UserId { get; private set; }

    public Guid? EnrolmentId { get; private set; }

    public string? Channel { get; private set; }

    /// <summary>When the provider says it happened; when it does not say, when we received it.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The user was offboarded: the number the event named is erased.</summary>
    public void ErasePersonalData() => Phone = null;

    public static CampaignEvent Record(
        string eventKey, CampaignEventKind kind, string name, string? campaignId, string? phone, UserId? userId,
        Guid? enrolmentId, string? channel, DateTimeOffset at) =>
        new()
        {
            Id = Guid.CreateVersion7(at),
            EventKey = eventKey,
            Kind = kind,
            Name = name,
            CampaignId = campaignId,
            Phone = phone,
            UserId = userId,
            EnrolmentId = enrolmentId,
            Channel = channel,
            At = at,
        };
}
