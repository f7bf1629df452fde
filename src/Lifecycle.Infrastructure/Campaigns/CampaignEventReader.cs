using Lifecycle.Application.Campaigns;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Mediator;

namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>
/// Reads <c>POST /webhooks/exotel/campaigns</c> in each shape we know (docs/exotel-wire.md "Campaign events"):
/// <list type="bullet">
/// <item>api.md's per-contact event <c>{event_id, event, campaign_id, phone, user_id?, channel, timestamp}</c>, key
/// <c>event_id</c>;</item>
/// <item>Exotel's documented v2 campaign callbacks: call status <c>{campaign_sid, call_sid, number, status,
/// date_updated}</c>, call schedule <c>{campaign_sid, to, call_sids[], status, …}</c> and campaign status
/// <c>{campaign_sid, status, report_url, …}</c>, keyed by what tells one report from the next.</item>
/// </list>
/// The only place that knows Exotel's event and status words; an unknown word is kept and recorded, never refused.
/// </summary>
internal sealed class CampaignEventReader : SingleEventReader
{
    public override WebhookSource Source => CampaignsWebhook.Source;

    public override IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity)
    {
        var name = Word(fields) ?? "unknown";
        return new ApplyCampaignEvent(
            identity.EventKey,
            KindOf(fields, name),
            name,
            Campaign(fields),
            ExotelNumbers.ToE164(Phone(fields)),
            Guid.TryParse(fields.Text("user_id"), out var userId) ? userId : null,
            fields.Text("channel"),
            ExotelTime.TryParse(fields.Text("timestamp", "date_updated", "date_created"), out var at) ? at : null);
    }

    protected override WebhookIdentity Identify(WebhookFields fields)
    {
        var name = Word(fields);
        if (fields.Text("event_id") is { } eventId)
        {
            return new WebhookIdentity(eventId, $"campaign.{name ?? "unknown"}");
        }

        var problems = new FieldProblems();
        var campaign = Campaign(fields);
        if (campaign is null)
        {
            problems.Add("event_id", "event_id (or campaign_id / campaign_sid) is required.");
        }

        if (name is null)
        {
            problems.Add("event", "event (or status) is required.");
        }

        problems.ThrowIfAny();

        // Without an event id, what tells one report from the next: the call, else the number and time, else the time.
        var subject = fields.Text("call_sid") ?? $"{Phone(fields)}|{ExotelTime.Canonical(fields.Text("timestamp", "date_updated"))}";
        return new WebhookIdentity($"{campaign}|{subject}|{name}", $"campaign.{name}");
    }

    private static string? Word(WebhookFields fields) => fields.Text("event", "status")?.Trim().ToLowerInvariant();

    private static string? Campaign(WebhookFields fields) => fields.Text("campaign_id", "campaign_sid");

    private static string? Phone(WebhookFields fields) => fields.Text("phone", "number", "to");

    /// <summary>
    /// api.md's words as they are. In Exotel's v2 call callbacks a <c>completed</c> call is one that got through (a
    /// delivery, not the end of the sequence); only the campaign status callback's <c>Completed</c> ends the campaign.
    /// </summary>
    private static CampaignEventKind KindOf(WebhookFields fields, string name)
    {
        var isCallReport = fields.Text("call_sid") is not null || fields.Root["call_sids"] is not null;
        return (name, isCallReport) switch
        {
            ("sent" or "queued" or "in-progress" or "ringing", _) => CampaignEventKind.Sent,
            ("completed" or "answered", true) or ("delivered" or "read" or "seen", _) => CampaignEventKind.Delivered,
            ("responded" or "replied" or "response", _) => CampaignEventKind.Responded,
            ("failed" or "busy" or "no-answer" or "canceled" or "cancelled" or "undelivered", _) => CampaignEventKind.Failed,
            ("completed", false) => CampaignEventKind.Completed,
            _ => CampaignEventKind.Other,
        };
    }
}
