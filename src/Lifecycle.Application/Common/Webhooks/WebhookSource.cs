using Lifecycle.Domain.Common;

namespace Lifecycle.Application.Common.Webhooks;

/// <summary>Who sent a webhook; names the route (<c>/webhooks/exotel/{source}</c>) and picks the signing secrets.</summary>
public enum WebhookSource
{
    Sms,
    Call,
    Voicebot,
    WhatsApp,
    Campaigns,
    Chatbot,
    Cqa,
}

public static class WebhookSources
{
    public static WireNames<WebhookSource> Wire { get; } = new(new Dictionary<WebhookSource, string>
    {
        [WebhookSource.Sms] = "sms",
        [WebhookSource.Call] = "call",
        [WebhookSource.Voicebot] = "voicebot",
        [WebhookSource.WhatsApp] = "whatsapp",
        [WebhookSource.Campaigns] = "campaigns",
        [WebhookSource.Chatbot] = "chatbot",
        [WebhookSource.Cqa] = "cqa",
    });

    public static string Name(this WebhookSource source) => Wire.Name(source);

    /// <summary>CQA signs with its own secret and header; every other source is Exotel.</summary>
    public static bool IsCqa(this WebhookSource source) => source == WebhookSource.Cqa;
}
