using Lifecycle.Application.Common.Webhooks;

namespace Lifecycle.Application.Campaigns;

/// <summary>Per-contact campaign events (sent, delivered, responded, failed, completed): <c>/webhooks/exotel/campaigns</c>.</summary>
public static class CampaignsWebhook
{
    public static WebhookSource Source { get; } = WebhookSource.Exotel("campaigns");
}
