using Lifecycle.Application.Common.Webhooks;

namespace Lifecycle.Application.Cqa;

/// <summary>Analysis events, signed by CQA: <c>/webhooks/cqa</c>.</summary>
public static class CqaWebhook
{
    public static WebhookSource Source { get; } = WebhookSource.SignedBy(WebhookSigner.Cqa, "cqa");
}
