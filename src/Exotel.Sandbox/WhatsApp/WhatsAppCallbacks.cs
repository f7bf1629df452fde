using System.Text.Json.Nodes;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.WhatsApp;

/// <summary>
/// WhatsApp callbacks in Exotel's documented shape, <c>{"whatsapp":{"messages":[…]}}</c>: a delivery report
/// (<c>callback_type: dlr</c>, https://developer.exotel.com/docs/whatsapp-api/api-reference/status-codes) and an
/// inbound message (<c>callback_type: icm</c>, https://developer.exotel.com/api/receive-messages). Numbers go without
/// <c>+</c>, as on those pages.
/// </summary>
internal static class WhatsAppCallbacks
{
    /// <summary>The descriptions of Exotel's status code page; failures share one text in the sandbox.</summary>
    private static readonly Dictionary<int, (string Detailed, string Description)> Codes = new()
    {
        [30001] = ("EX_MESSAGE_SENT", "Message sent to WhatsApp servers"),
        [30002] = ("EX_MESSAGE_DELIVERED", "Message delivered"),
        [30003] = ("EX_MESSAGE_SEEN", "Recipient opened/read the message"),
    };

    public static JsonObject Delivery(WhatsAppRequest request, int code, DateTimeOffset at)
    {
        var (detailed, description) = Codes.GetValueOrDefault(code, ("EX_MESSAGE_FAILED", "Message could not be delivered"));
        var message = new JsonObject
        {
            ["callback_type"] = "dlr",
            ["sid"] = request.Sid,
            ["to"] = Bare(request.To),
            ["exo_status_code"] = code,
            ["exo_detailed_status"] = detailed,
            ["description"] = description,
            ["timestamp"] = Replies.Date(at),
        };
        if (request.CustomData is { } customData)
        {
            message["custom_data"] = customData;
        }

        return Wrap(message);
    }

    /// <summary>A text, or a template quick-reply press (<c>content.button</c>, as on the incoming-message page).</summary>
    public static JsonObject Inbound(SandboxInboundWhatsApp inbound)
    {
        JsonObject content = inbound.ButtonPayload is { } payload
            ? new JsonObject { ["type"] = "button", ["button"] = new JsonObject { ["text"] = inbound.Body, ["payload"] = payload } }
            : new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = inbound.Body } };
        return Wrap(new JsonObject
        {
            ["callback_type"] = "icm",
            ["sid"] = inbound.Sid,
            ["from"] = Bare(inbound.From),
            ["to"] = Bare(inbound.To),
            ["profile_name"] = "Sandbox user",
            ["timestamp"] = Replies.Date(inbound.At),
            ["content"] = content,
        });
    }

    private static JsonObject Wrap(JsonObject message) =>
        new() { ["whatsapp"] = new JsonObject { ["messages"] = new JsonArray(message) } };

    private static string Bare(string number) => number.TrimStart('+');
}
