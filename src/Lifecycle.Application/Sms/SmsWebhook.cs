using Lifecycle.Application.Common.Webhooks;

namespace Lifecycle.Application.Sms;

/// <summary>SMS status and inbound SMS callbacks: <c>/webhooks/exotel/sms</c>.</summary>
public static class SmsWebhook
{
    public static WebhookSource Source { get; } = WebhookSource.Exotel("sms");
}
