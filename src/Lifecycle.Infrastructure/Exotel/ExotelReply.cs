using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>
/// Reads an Exotel v1 reply: a JSON envelope (<c>{"SMSMessage":{…}}</c>) or the XML <c>TwilioResponse</c> it
/// answers with by default, flattened to the envelope's fields. Errors come as a <c>RestException</c> envelope.
/// </summary>
internal static class ExotelReply
{
    /// <summary>The envelope's fields, or null when the body is neither JSON nor XML (cut off, an HTML page…).</summary>
    public static IReadOnlyDictionary<string, string>? TryRead(string body, string envelope)
    {
        try
        {
            return Read(body, envelope);
        }
        catch (Exception exception) when (exception is JsonException or System.Xml.XmlException)
        {
            return null;
        }
    }

    public static IReadOnlyDictionary<string, string> Read(string body, string envelope)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = body.TrimStart();
        if (text.StartsWith('<'))
        {
            var element = XDocument.Parse(text).Root?.Element(envelope);
            foreach (var child in element?.Elements() ?? [])
            {
                fields[child.Name.LocalName] = child.Value;
            }
        }
        else if (text.StartsWith('{') && JsonDocument.Parse(text).RootElement.TryGetProperty(envelope, out var element)
            && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return fields;
    }

    /// <summary>The error code and message of a refused request, falling back to the HTTP status.</summary>
    public static (string Code, string Message) Error(HttpStatusCode status, string body)
    {
        var fields = Read(body, "RestException");
        var code = fields.GetValueOrDefault("Code") ?? fields.GetValueOrDefault("Status") ?? ((int)status).ToString();
        return (code, fields.GetValueOrDefault("Message") ?? status.ToString());
    }
}

/// <summary>A failure that may pass: a timeout, a 5xx, or 429/503 when the account's rate limit is hit.</summary>
public sealed class ExotelTransientException(HttpStatusCode status, string detail)
    : Exception($"Exotel answered {(int)status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;
}
