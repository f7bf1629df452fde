using System.Globalization;
using System.Text.Json.Nodes;
using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.WhatsApp;

/// <summary>
/// Reads <c>{"response":{"whatsapp":{"messages":[{"code":202,"status":"success","data":{"sid"}}, {"code":4xx,
/// "status":"failure","error_data":{"error_code","message"}}]}}}</c>: one entry per message, in request order.
/// </summary>
internal static class WhatsAppReply
{
    /// <summary>
    /// The per-message results, or null when the body carries no <c>messages</c> list. An entry that claims success
    /// but names no sid reads as null: its outcome is unknown.
    /// </summary>
    public static IReadOnlyList<WhatsAppMessageResult?>? Read(string body)
    {
        var messages = ExotelV2Reply.Property(ExotelV2Reply.Response(body), "whatsapp", "messages");
        return messages is JsonArray ? [.. ExotelV2Reply.Items(messages).Select(Message)] : null;
    }

    private static WhatsAppMessageResult? Message(JsonNode? entry)
    {
        var code = ExotelV2Reply.Int(ExotelV2Reply.Property(entry, "code"));
        var status = ExotelV2Reply.Text(ExotelV2Reply.Property(entry, "status"));
        var sid = ExotelV2Reply.Text(ExotelV2Reply.Property(entry, "data", "sid"));
        var succeeded = status is not null ? status == "success" : code is >= 200 and < 300;
        if (succeeded)
        {
            return string.IsNullOrEmpty(sid) ? null : new WhatsAppMessageResult.Accepted(sid);
        }

        var error = ExotelV2Reply.Property(entry, "error_data");
        return new WhatsAppMessageResult.Refused(
            ExotelV2Reply.Text(ExotelV2Reply.Property(error, "error_code"))
                ?? ExotelV2Reply.Text(ExotelV2Reply.Property(error, "code"))
                ?? code?.ToString(CultureInfo.InvariantCulture)
                ?? "UNKNOWN",
            ExotelV2Reply.Text(ExotelV2Reply.Property(error, "message")) ?? status ?? "refused");
    }
}
