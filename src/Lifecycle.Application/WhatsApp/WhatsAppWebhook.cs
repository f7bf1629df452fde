using Lifecycle.Application.Common.Webhooks;

namespace Lifecycle.Application.WhatsApp;

/// <summary>WhatsApp delivery reports and inbound messages: <c>/webhooks/exotel/whatsapp</c>.</summary>
public static class WhatsAppWebhook
{
    public static WebhookSource Source { get; } = WebhookSource.Exotel("whatsapp");
}
