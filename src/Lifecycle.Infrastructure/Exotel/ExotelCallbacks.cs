using Lifecycle.Infrastructure.Common.Webhooks;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>The callback URLs we hand Exotel: <c>Webhooks:PublicBaseUrl</c> followed by the route of one of our webhooks.</summary>
internal static class ExotelCallbacks
{
    public static string Url(WebhookOptions webhooks, string route) => $"{webhooks.PublicBaseUrl!.TrimEnd('/')}{route}";
}
