using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Webhooks;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>
/// The one place that builds the URLs we hand Exotel. A callback URL is <c>{PublicBaseUrl}/webhooks/exotel/{product}</c>,
/// followed by <c>/{token}</c> when <c>Webhooks:Tokens:Exotel</c> is configured: Exotel's SMS, call and WhatsApp
/// callbacks carry no signature, so the token in the URL is what proves them ours (ADR 0005). CQA signs its callbacks
/// and gets no token.
/// </summary>
internal static class ExotelCallbacks
{
    public static string Url(WebhookOptions webhooks, WebhookSource source)
    {
        if (!source.AcceptsToken)
        {
            return Page(webhooks, source.Route);
        }

        return webhooks.Tokens.Exotel is [var token, ..] ? Page(webhooks, $"{source.Route}/{token}") : Page(webhooks, source.Route);
    }

    /// <summary>A page of ours that Exotel fetches during a call (the voice OTP text), authenticated by its own token.</summary>
    public static string Page(WebhookOptions webhooks, string route) => $"{webhooks.PublicBaseUrl!.TrimEnd('/')}{route}";
}
