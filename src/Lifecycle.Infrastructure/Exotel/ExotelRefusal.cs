using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>Reads why Exotel refused a request, whichever of its APIs answered.</summary>
internal static class ExotelRefusal
{
    /// <summary>
    /// The error code and message of a refused request: the v2 <c>response.error_data</c> (<c>code</c> or
    /// <c>error_code</c>, <c>message</c> or <c>description</c>), else CQA's <c>error</c> object or a top-level
    /// <c>code</c>/<c>message</c>, else the v1 <c>RestException</c> envelope in JSON or XML, falling back to the HTTP
    /// status. A body that is neither JSON nor XML falls back too; it never throws.
    /// </summary>
    /// <summary>
    /// Whether the body is Exotel's own error envelope — v1 <c>RestException</c> (JSON or XML) or v2 <c>error_data</c> —
    /// rather than a proxy's page or nothing: what tells a 5xx Exotel itself refused from one whose fate is unknown.
    /// </summary>
    public static bool IsErrorEnvelope(string body)
    {
        var json = ExotelV2Reply.Parse(body);
        if (ExotelV2Reply.Property(json, "RestException") is JsonObject
            || ExotelV2Reply.Property(json, "error_data") is JsonObject
            || ExotelV2Reply.Property(json, "response", "error_data") is JsonObject)
        {
            return true;
        }

        try
        {
            return body.TrimStart().StartsWith('<') && System.Xml.Linq.XDocument.Parse(body).Root?.Element("RestException") is not null;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    public static (string Code, string Message) Read(HttpStatusCode status, string body)
    {
        var json = ExotelV2Reply.Parse(body);
        JsonNode?[] candidates =
        [
            ExotelV2Reply.Property(json, "response", "error_data"),
            ExotelV2Reply.Property(json, "error_data"),
            ExotelV2Reply.Property(json, "error"),
            json,
        ];
        foreach (var error in candidates.OfType<JsonObject>())
        {
            var code = ExotelV2Reply.Text(ExotelV2Reply.Property(error, "error_code")) ?? ExotelV2Reply.Text(ExotelV2Reply.Property(error, "code"));
            if (code is not null)
            {
                var message = ExotelV2Reply.Text(ExotelV2Reply.Property(error, "message")) ?? ExotelV2Reply.Text(ExotelV2Reply.Property(error, "description"));
                return (code, message ?? status.ToString());
            }
        }

        try
        {
            return ExotelReply.Error(status, body);
        }
        catch (Exception exception) when (exception is JsonException or XmlException)
        {
            return (((int)status).ToString(CultureInfo.InvariantCulture), status.ToString());
        }
    }
}
