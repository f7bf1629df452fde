using System.Text;
using System.Text.Json.Nodes;
using Exotel.Sandbox.Http;

namespace Exotel.Sandbox.Callbacks;

/// <summary>A callback to send: where, in which encoding, and which secret signs it.</summary>
internal sealed record Callback(string Product, string Url, string ContentType, byte[] Body, bool SignedByCqa)
{
    public const string FormContentType = "application/x-www-form-urlencoded";
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Form-urlencoded, as Exotel sends SMS and call callbacks; null values are left out.</summary>
    public static Callback Form(string product, string url, IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var body = string.Join('&', fields
            .Where(field => field.Value is not null)
            .Select(field => $"{Encode(field.Key)}={Encode(field.Value!)}"));
        return new Callback(product, url, FormContentType, Encoding.UTF8.GetBytes(body), SignedByCqa: false);
    }

    /// <summary>JSON, as Exotel sends WhatsApp, campaign and chatbot events and CQA its results.</summary>
    public static Callback Json(string product, string url, JsonNode body, bool signedByCqa = false) =>
        new(product, url, JsonContentType, Encoding.UTF8.GetBytes(body.ToJsonString(SandboxJson.Options)), signedByCqa);

    private static string Encode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
