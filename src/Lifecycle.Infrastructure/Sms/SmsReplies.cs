using System.Text.Json;
using System.Xml.Linq;
using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>Reads the SMS envelopes: one <c>SMSMessage</c>, or the <c>SMSMessages</c> list of a bulk send (JSON or XML).</summary>
internal static class SmsReplies
{
    public static IReadOnlyDictionary<string, string> One(string body) => ExotelReply.Read(body, "SMSMessage");

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Many(string body)
    {
        var text = body.TrimStart();
        if (text.StartsWith('<'))
        {
            return [.. (XDocument.Parse(text).Root?.Element("SMSMessages")?.Elements("SMSMessage") ?? [])
                .Select(message => (IReadOnlyDictionary<string, string>)message.Elements()
                    .ToDictionary(field => field.Name.LocalName, field => field.Value, StringComparer.OrdinalIgnoreCase))];
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("SMSMessages", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(entry => ExotelReply.Read(
                $"{{\"SMSMessage\":{(entry.TryGetProperty("SMSMessage", out var inner) ? inner : entry).GetRawText()}}}", "SMSMessage"))]
            : [];
    }
}
