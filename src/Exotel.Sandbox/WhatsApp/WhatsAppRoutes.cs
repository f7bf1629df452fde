using System.Text.Json.Nodes;
using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.WhatsApp;

/// <summary>
/// WhatsApp (docs/exotel-wire.md "WhatsApp"): <c>POST /v2/accounts/{sid}/messages</c>, up to 100 messages, one
/// reply entry per message in order. HTTP 200 when at least one message was accepted; 400 when none was (the body
/// then carries both the per-message entries and a <c>RestException</c> naming the first failure).
/// </summary>
internal static class WhatsAppRoutes
{
    public const int MaxMessages = 100;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/v2/accounts/{sid}/messages", SendAsync).RequireCredentials(Credentials.Api).RateLimited(Products.WhatsApp);

    private static async Task<IResult> SendAsync(HttpContext http, WhatsAppDesk desk, Faults faults, TimeProvider time)
    {
        var json = ApiRequest.Of(http).Json;
        var messages = (json?["whatsapp"]?["messages"] as JsonArray)?.ToList() ?? [];
        if (await faults.InjectAsync(http, [Products.WhatsApp], messages.Select(message => message.Text("to"))) is { } fault)
        {
            return fault;
        }

        if (json is not JsonObject || messages.Count == 0)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, "INVALID_REQUEST", "whatsapp.messages must list at least one message");
        }

        if (messages.Count > MaxMessages)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, "TOO_MANY_MESSAGES", $"At most {MaxMessages} messages per request ({messages.Count} given)");
        }

        var entries = new JsonArray();
        (string Code, string Message)? firstFailure = null;
        foreach (var message in messages)
        {
            var (entry, failure) = SendOne(message, json, desk, time);
            entries.Add(entry);
            firstFailure ??= failure;
        }

        var anyAccepted = entries.Any(entry => entry.Text("status") == "success");
        var body = new JsonObject
        {
            ["request_id"] = Sids.Request(),
            ["method"] = "POST",
            ["http_code"] = anyAccepted ? 200 : 400,
            ["response"] = new JsonObject { ["whatsapp"] = new JsonObject { ["messages"] = entries } },
        };
        if (!anyAccepted && firstFailure is { } first)
        {
            body["RestException"] = Replies.RestException(400, first.Code, first.Message)["RestException"]!.DeepClone();
        }

        return Replies.Json(body, anyAccepted ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static (JsonObject Entry, (string Code, string Message)? Failure) SendOne(JsonNode? message, JsonNode request, WhatsAppDesk desk, TimeProvider time)
    {
        var to = message.Text("to");
        var content = message?["content"];
        var type = content.Text("type")?.ToLowerInvariant();
        var templateName = content?["template"].Text("name");
        (string Code, string Message)? refusal = (to, type) switch
        {
            (null, _) => ("INVALID_NUMBER", "to is required"),
            _ when !PhoneNumbers.IsE164(to) => ("INVALID_NUMBER", $"to '{to}' is not an E.164 number"),
            (_, null) => ("INVALID_PARAMETER", "content.type is required"),
            _ => desk.Refusal(PhoneNumbers.Normalize(to), type, templateName),
        };
        if (refusal is { } refused)
        {
            return (new JsonObject
            {
                ["code"] = 400,
                ["status"] = "failure",
                ["error_data"] = new JsonObject { ["error_code"] = refused.Code, ["message"] = refused.Message },
            }, refused);
        }

        var text = type switch
        {
            "text" => content?["text"].Text("body"),
            "interactive" => content?["interactive"]?["body"].Text("text"),
            _ => null,
        };
        var sid = desk.Accept(new WhatsAppRequest(
            Sids.WhatsApp(), message.Text("from") ?? string.Empty, PhoneNumbers.Normalize(to), type!, templateName, text,
            content?.ToJsonString(SandboxJson.Options) ?? "{}", request.Text("custom_data"), request.Text("status_callback"), time.GetUtcNow()));
        return (new JsonObject { ["code"] = 202, ["status"] = "success", ["data"] = new JsonObject { ["sid"] = sid } }, null);
    }
}
