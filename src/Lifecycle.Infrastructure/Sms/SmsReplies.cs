using System.Text.Json.Nodes;
using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>
/// Reads the SMS envelopes: one <c>SMSMessage</c> (send and status, JSON or XML), or the entries of a bulk send. For
/// the bulk reply api.md names a top-level array of <c>{"SMSMessage":{…}}</c> (what Exotel's own client code reads);
/// Exotel's bulk-sms page shows <c>{"SMSMessages":[{…}]}</c> with bare entries. Both are read, entries wrapped or bare.
/// </summary>
internal static class SmsReplies
{
    public static IReadOnlyDictionary<string, string> One(string body) => ExotelReply.Read(body, "SMSMessage");

    /// <summary>The one <c>SMSMessage</c> of a send reply, or null when the body is neither JSON nor XML.</summary>
    public static IReadOnlyDictionary<string, string>? TryOne(string body) => ExotelReply.TryRead(body, "SMSMessage");

    /// <summary>The entries of a bulk reply, in order, or null when the body is not one of the shapes above.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>>? Many(string body)
    {
        var json = ExotelV2Reply.Parse(body);
        var entries = json as JsonArray ?? ExotelV2Reply.Property(json, "SMSMessages") as JsonArray;
        return entries is null ? null : [.. entries.Select(Entry)];
    }

    private static IReadOnlyDictionary<string, string> Entry(JsonNode? entry)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if ((ExotelV2Reply.Property(entry, "SMSMessage") ?? entry) is JsonObject message)
        {
            foreach (var (name, value) in message)
            {
                if (ExotelV2Reply.Text(value) is { } text)
                {
                    fields[name] = text;
                }
            }
        }

        return fields;
    }
}
