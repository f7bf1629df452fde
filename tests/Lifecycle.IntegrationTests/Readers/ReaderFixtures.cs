using System.Text;
using Lifecycle.IntegrationTests.Infrastructure;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Webhooks;

namespace Lifecycle.IntegrationTests.Readers;

/// <summary>Documented Exotel payloads read by the real parser, as the webhook endpoint reads them.</summary>
internal static class ReaderFixtures
{
    public static WebhookFields Parse(string fixture) => ParseBody(ExotelFixtures.Read(fixture), ContentTypeOf(fixture));

    public static WebhookFields ParseBody(string body, string contentType) =>
        new WebhookPayloadParser().ParseAsync(contentType, Encoding.UTF8.GetBytes(body), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public static WebhookFields Form(params (string Name, string Value)[] fields) =>
        ParseBody(Webhook.Form(fields), "application/x-www-form-urlencoded");

    private static string ContentTypeOf(string fixture) =>
        Path.GetExtension(fixture) == ".json" ? "application/json" : "application/x-www-form-urlencoded";
}
