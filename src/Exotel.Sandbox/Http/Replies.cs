using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Exotel.Sandbox.Http;

/// <summary>How a route answers: Exotel's v1 XML or JSON envelopes, v2 JSON, Verify's or CQA's error shapes.</summary>
internal enum ReplyStyle
{
    V1Xml,
    V1Json,
    Json,
    Verify,
    Cqa,
}

/// <summary>
/// Exotel-shaped answers. v1 SMS and Calls paths ending in <c>.json</c> answer JSON, other v1 SMS and Calls paths
/// answer the <c>TwilioResponse</c> XML; a refusal is the <c>RestException</c> envelope in the same encoding.
/// Verify refuses with its documented <c>{"response":{"error_data":{"code","description","message"},"status":"failure",
/// "data":null}}</c>, CQA with <c>{"error":{"code","message"}}</c>.
/// </summary>
internal static class Replies
{
    public const string XmlContentType = "application/xml; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    public static ReplyStyle StyleOf(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/cqa/", StringComparison.OrdinalIgnoreCase))
        {
            return ReplyStyle.Cqa;
        }

        if (path.Contains("/verifications", StringComparison.OrdinalIgnoreCase))
        {
            return ReplyStyle.Verify;
        }

        var v1Classic = path.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase)
            && (path.Contains("/Sms/", StringComparison.OrdinalIgnoreCase) || path.Contains("/Calls/", StringComparison.OrdinalIgnoreCase));
        return !v1Classic ? ReplyStyle.Json
            : path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReplyStyle.V1Json
            : ReplyStyle.V1Xml;
    }

    /// <summary>A refusal in the route's error envelope; <paramref name="retryAfterSeconds"/> adds <c>Retry-After</c>.</summary>
    public static IResult Error(HttpContext http, int status, string code, string message, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return StyleOf(http) switch
        {
            ReplyStyle.V1Xml => Xml(new XElement("RestException",
                new XElement("Status", status), new XElement("Code", code), new XElement("Message", message)), status),
            ReplyStyle.Verify => Json(new JsonObject
            {
                ["request_id"] = State.Sids.Request(),
                ["method"] = http.Request.Method,
                ["http_code"] = status,
                ["response"] = new JsonObject
                {
                    ["code"] = status,
                    ["error_data"] = new JsonObject
                    {
                        ["code"] = int.TryParse(code, out var number) ? number : code,
                        ["description"] = message,
                        ["message"] = message,
                    },
                    ["status"] = "failure",
                    ["data"] = null,
                },
            }, status),
            ReplyStyle.Cqa => Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, status),
            _ => Json(RestException(status, code, message), status),
        };
    }

    public static JsonObject RestException(int status, string code, string message) => new()
    {
        ["RestException"] = new JsonObject { ["Status"] = status, ["Code"] = code, ["Message"] = message },
    };

    /// <summary>One v1 envelope (<c>SMSMessage</c>, <c>Call</c>) in XML or JSON according to the path.</summary>
    public static IResult V1(HttpContext http, string envelope, IReadOnlyList<KeyValuePair<string, object?>> fields, int status = 200) =>
        StyleOf(http) == ReplyStyle.V1Xml
            ? Xml(Element(envelope, fields), status)
            : Json(new JsonObject { [envelope] = Object(fields) }, status);

    /// <summary>
    /// A v1 list: in JSON the top-level array of envelopes (<c>[{"SMSMessage":{…}}, …]</c>, api.md "Outbound wire
    /// choices"); in XML, for which Exotel publishes no example, <c>&lt;SMSMessages&gt;&lt;SMSMessage&gt;…</c>.
    /// </summary>
    public static IResult V1List(HttpContext http, string list, string envelope, IEnumerable<IReadOnlyList<KeyValuePair<string, object?>>> items) =>
        StyleOf(http) == ReplyStyle.V1Xml
            ? Xml(new XElement(list, items.Select(fields => Element(envelope, fields))), 200)
            : Json(new JsonArray([.. items.Select(fields => (JsonNode?)new JsonObject { [envelope] = Object(fields) })]), 200);

    public static IResult Json(JsonNode body, int status = 200) =>
        Results.Content(body.ToJsonString(SandboxJson.Options), JsonContentType, statusCode: status);

    public static IResult Json(object body, int status = 200) =>
        Results.Content(SandboxJson.Serialize(body), JsonContentType, statusCode: status);

    /// <summary>ISO 8601 UTC, whole seconds (the guide's <c>2026-05-19T10:23:00Z</c>).</summary>
    public static string? Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IResult Xml(XElement content, int status)
    {
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("TwilioResponse", content));
        return Results.Content(document.Declaration + document.ToString(SaveOptions.DisableFormatting), XmlContentType, statusCode: status);
    }

    private static XElement Element(string name, IEnumerable<KeyValuePair<string, object?>> fields) =>
        new(name, fields.Select(field => new XElement(field.Key, field.Value is null ? string.Empty : Convert.ToString(field.Value, CultureInfo.InvariantCulture))));

    private static JsonObject Object(IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var json = new JsonObject();
        foreach (var (key, value) in fields)
        {
            json[key] = value switch
            {
                null => null,
                int number => JsonValue.Create(number),
                long number => JsonValue.Create(number),
                double number => JsonValue.Create(number),
                bool flag => JsonValue.Create(flag),
                _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
            };
        }

        return json;
    }
}
