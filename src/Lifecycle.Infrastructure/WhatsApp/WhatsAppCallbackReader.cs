using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Mediator;

namespace Lifecycle.Infrastructure.WhatsApp;

/// <summary>
/// Reads <c>POST /webhooks/exotel/whatsapp</c> in every shape api.md lists: Exotel's documented
/// <c>{"whatsapp":{"messages":[…]}}</c> (each element one event: <c>callback_type</c> <c>dlr</c> delivery report or
/// <c>icm</c> inbound message), the flat lowercase form of Exotel's newer pages (<c>sid, from, to, status,
/// exo_status_code, timestamp</c>) and the guide's shorthand (<c>MessageSid, From, To, Body, ButtonPayload, Status,
/// StatusCode</c>). The only place that knows Exotel's WhatsApp fields and codes.
/// </summary>
internal sealed class WhatsAppCallbackReader : IWebhookEventReader
{
    private const string InboundType = "whatsapp.inbound";

    public WebhookSource Source => WhatsAppWebhook.Source;

    public IReadOnlyList<WebhookEvent> Read(WebhookFields delivery)
    {
        var nested = delivery.Child("whatsapp")?.Items("messages");
        var elements = nested is null ? [("", delivery)] : nested.Select((element, index) => ($"whatsapp.messages[{index}].", element)).ToList();
        if (elements.Count == 0)
        {
            var empty = new FieldProblems();
            empty.Add("whatsapp.messages", "whatsapp.messages has no event.");
            empty.ThrowIfAny();
        }

        var problems = new FieldProblems();
        var events = new List<WebhookEvent>(elements.Count);
        foreach (var (path, element) in elements)
        {
            if (Identify(WhatsAppCallback.Of(element), path, problems) is { } identity)
            {
                events.Add(new WebhookEvent(identity, element));
            }
        }

        problems.ThrowIfAny();
        return events;
    }

    public IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity) =>
        WhatsAppCallback.Of(fields) switch
        {
            WhatsAppCallback.Inbound inbound => new ReceiveWhatsAppMessage(
                inbound.Sid ?? identity.EventKey, inbound.From!, inbound.Text, inbound.Button, identity.EventKey),
            WhatsAppCallback.Delivery delivery => new ApplyWhatsAppStatus(
                delivery.Sid!, delivery.Status!.Value, delivery.Detail, identity.EventKey),
            _ => throw new InvalidOperationException("Unreachable: every callback is a delivery or an inbound message."),
        };

    /// <summary>api.md: the sid; without one, from + timestamp; without either, the exact body (a re-delivery is a duplicate).</summary>
    private static string InboundKey(WhatsAppCallback.Inbound inbound) => (inbound.Sid, inbound.Timestamp) switch
    {
        ({ } sid, _) => sid,
        (null, { } timestamp) => $"{inbound.From}|{ExotelTime.Canonical(timestamp)}",
        _ => $"{inbound.From}|{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(inbound.Raw)))[..16]}",
    };

    private static WebhookIdentity? Identify(WhatsAppCallback callback, string path, FieldProblems problems)
    {
        switch (callback)
        {
            case WhatsAppCallback.Delivery delivery:
                if (delivery.Sid is null)
                {
                    problems.Add($"{path}sid", "A delivery report needs its message sid (sid or MessageSid).");
                }

                if (delivery.Status is null)
                {
                    problems.Add($"{path}exo_status_code", "exo_status_code (StatusCode) must be 30001–30041, or status sent/delivered/read/failed.");
                }

                return delivery is { Sid: { } sid, Status: not null }
                    ? new WebhookIdentity($"{sid}|{delivery.StatusWord}|{delivery.Code}", $"whatsapp.{delivery.StatusWord ?? delivery.Code}")
                    : null;
            case WhatsAppCallback.Inbound inbound:
                if (inbound.From is null)
                {
                    problems.Add($"{path}from", "An inbound message needs from (From).");
                }

                if (inbound.Text is null && inbound.Button is null)
                {
                    problems.Add($"{path}content", "An inbound message needs a text body or a button reply.");
                }

                return inbound is { From: not null } && (inbound.Text ?? inbound.Button) is not null
                    ? new WebhookIdentity($"inbound|{InboundKey(inbound)}", InboundType)
                    : null;
            default:
                return null;
        }
    }
}

/// <summary>One WhatsApp callback event, whichever of Exotel's shapes it came in.</summary>
internal abstract record WhatsAppCallback
{
    private WhatsAppCallback()
    {
    }

    public static WhatsAppCallback Of(WebhookFields fields)
    {
        // Exotel's newer pages wrap one event as {"event": "incoming_message" | "message_status", "message": {…}}.
        var envelope = fields.Text("event") is not null && fields.Child("message") is { } inner ? inner : null;
        var body = envelope ?? fields;
        var kind = (fields.Text("callback_type") ?? fields.Text("event"))?.ToLowerInvariant();
        var sid = body.Text("sid", "MessageSid", "message_sid", "id");
        var statusWord = body.Text("status", "Status")?.ToLowerInvariant();
        var code = body.Text("exo_status_code", "StatusCode", "status_code");
        var isDelivery = kind is "dlr" or "message_status" || (kind is not ("icm" or "incoming_message") && (statusWord ?? code) is not null);
        if (isDelivery)
        {
            var status = WhatsAppStatusCodes.TryMap(statusWord, int.TryParse(code, out var parsed) ? parsed : null, out var mapped) ? mapped : (MessageStatus?)null;
            var detail = body.Text("description", "exo_detailed_status") is { } text ? (code is null ? text : $"{code}: {text}") : code ?? statusWord;
            return new Delivery(sid, status, statusWord, code, detail);
        }

        return new Inbound(
            sid,
            ExotelNumbers.ToE164(body.Text("from", "From")),
            body.At("content", "text", "body") ?? body.At("text", "body") ?? body.Text("Body", "body"),
            ButtonOf(body.Child("content") ?? body) ?? body.Text("ButtonPayload"),
            body.Text("timestamp") ?? fields.Text("timestamp"),
            fields.ToJson());
    }

    /// <summary>A button press: a template quick reply (<c>button.payload</c>) or an interactive reply's id.</summary>
    private static string? ButtonOf(WebhookFields content) =>
        content.At("button", "payload") ?? content.At("button", "text")
        ?? content.At("interactive", "button_reply", "id") ?? content.At("interactive", "list_reply", "id");

    /// <summary>A delivery report; <see cref="Status"/> is null when its code and word are both unknown.</summary>
    public sealed record Delivery(string? Sid, MessageStatus? Status, string? StatusWord, string? Code, string? Detail) : WhatsAppCallback;

    /// <summary>A message the user sent: text, or the payload of the button they pressed.</summary>
    /// <remarks><paramref name="Raw"/> keys an inbound message that carries neither a sid nor a time.</remarks>
    public sealed record Inbound(string? Sid, string? From, string? Text, string? Button, string? Timestamp, string Raw) : WhatsAppCallback;
}

/// <summary>
/// Exotel's WhatsApp delivery codes (guide §3.4, Exotel's status code page): 30001 sent, 30002 delivered, 30003 seen,
/// 30004–30041 failed; the text status (sent/delivered/read/seen/failed) when no code is given.
/// </summary>
internal static class WhatsAppStatusCodes
{
    public static bool TryMap(string? status, int? code, out MessageStatus mapped)
    {
        MessageStatus? result = code switch
        {
            30001 => MessageStatus.Submitted,
            30002 => MessageStatus.Delivered,
            30003 => MessageStatus.Seen,
            >= 30004 and <= 30041 => MessageStatus.Failed,
            _ => status switch
            {
                "sent" => MessageStatus.Submitted,
                "delivered" => MessageStatus.Delivered,
                "read" or "seen" => MessageStatus.Seen,
                "failed" or "undelivered" => MessageStatus.Failed,
                _ => null,
            },
        };
        mapped = result.GetValueOrDefault();
        return result is not null;
    }
}
