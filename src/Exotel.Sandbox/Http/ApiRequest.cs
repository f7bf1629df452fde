using System.Text.Json.Nodes;
using Exotel.Sandbox.Scenarios;

namespace Exotel.Sandbox.Http;

/// <summary>
/// The body of an API request, read once by <see cref="RequestRecorder"/> (raw text, form fields, JSON), and
/// which product it belongs to.
/// </summary>
internal sealed class ApiRequest(string product, string body, IReadOnlyDictionary<string, string> form)
{
    private JsonNode? json;
    private bool parsed;

    public string Product { get; } = product;

    public string Body { get; } = body;

    public IReadOnlyDictionary<string, string> Form { get; } = form;

    /// <summary>The body as JSON, or null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            if (!parsed)
            {
                json = SandboxJson.TryParse(Body);
                parsed = true;
            }

            return json;
        }
    }

    public string? Field(string name) => Form.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static ApiRequest Of(HttpContext http) =>
        http.Items[typeof(ApiRequest)] as ApiRequest ?? new ApiRequest(ProductOf(http.Request.Path), string.Empty, new Dictionary<string, string>());

    /// <summary>The product a path belongs to (null for the control API and unknown paths).</summary>
    public static string? ProductOfOrNull(PathString path)
    {
        var value = path.Value ?? string.Empty;
        bool Has(string part) => value.Contains(part, StringComparison.OrdinalIgnoreCase);
        return value switch
        {
            _ when value.StartsWith("/cqa/", StringComparison.OrdinalIgnoreCase) => Products.Cqa,
            _ when !value.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("/v2/", StringComparison.OrdinalIgnoreCase) => null,
            _ when Has("/sms/") => Products.Sms,
            _ when Has("/calls") => Products.Calls,
            _ when Has("/messages") => Products.WhatsApp,
            _ when Has("/verifications") => Products.Verify,
            _ when Has("/campaigns/") || Has("/contacts") => Products.Campaigns,
            _ => "unknown",
        };
    }

    public static string ProductOf(PathString path) => ProductOfOrNull(path) ?? "unknown";
}
