using System.Text.Json.Nodes;
using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Voice;

/// <summary>
/// Voice v2 CCM, agent click-to-call (docs/exotel-wire.md "Voice v2 CCM"): <c>POST /v2/accounts/{sid}/calls</c>
/// with the guide's JSON; the terminal callback is form-urlencoded like v1's.
/// </summary>
internal static class CcmCallRoutes
{
    public const int MaxCustomField = 255;

    public static void Map(IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/v2/accounts/{sid}/calls").RequireCredentials(Credentials.Api).RateLimited(Products.Calls);
        calls.MapPost("/", CreateAsync);
        calls.MapGet("/{callSid}", Status);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CallDesk desk, Faults faults, TimeProvider time)
    {
        var json = ApiRequest.Of(http).Json;
        var number = json?["to"].Text("number");
        if (await faults.InjectAsync(http, [Products.Calls], [number]) is { } fault)
        {
            return fault;
        }

        var agent = json?["from"].Text("user_id");
        var customField = json.Text("custom_field");
        var callback = (json?["status_callback"] as JsonArray)?.OfType<JsonObject>()
            .OrderByDescending(entry => string.Equals(entry.Text("event"), "terminal", StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.Text("url"))
            .FirstOrDefault(url => url is not null);
        (string Code, string Message)? refusal = json switch
        {
            not JsonObject => ("INVALID_REQUEST", "The body must be a JSON object"),
            _ when agent is null => ("MISSING_PARAMETER", "from.user_id is required"),
            _ when number is null => ("MISSING_PARAMETER", "to.number is required"),
            _ when !PhoneNumbers.IsE164(number) => ("INVALID_NUMBER", $"to.number '{number}' is not an E.164 number"),
            _ when json.Text("virtual_number") is null => ("MISSING_PARAMETER", "virtual_number is required"),
            _ when customField?.Length > MaxCustomField => ("CUSTOM_FIELD_TOO_LONG", $"custom_field is longer than {MaxCustomField} characters"),
            _ => null,
        };
        if (refusal is { } refused)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, refused.Code, refused.Message);
        }

        var phone = PhoneNumbers.Normalize(number);
        var call = desk.Accept(
            new CallRequest(
                Sids.Call(), "v2", phone, agent!, phone, json.Text("virtual_number"), null, false, customField, callback,
                string.Equals(json.Text("recording"), "true", StringComparison.OrdinalIgnoreCase), time.GetUtcNow()),
            http.SandboxBaseUrl());
        return Reply(http, call);
    }

    private static IResult Status(HttpContext http, string callSid, SandboxState state) =>
        state.FindCall(callSid) is { } call
            ? Reply(http, call)
            : Replies.Error(http, StatusCodes.Status404NotFound, "NOT_FOUND", $"No call with sid '{callSid}'");

    private static IResult Reply(HttpContext http, SandboxCall call) => Replies.Json(new JsonObject
    {
        ["request_id"] = Sids.Request(),
        ["method"] = http.Request.Method,
        ["http_code"] = 200,
        ["response"] = new JsonObject
        {
            ["code"] = 200,
            ["status"] = "success",
            ["call_details"] = new JsonObject
            {
                ["sid"] = call.Sid,
                ["status"] = call.Status,
                ["from"] = call.From,
                ["to"] = call.To,
                ["virtual_number"] = call.CallerId,
                ["duration"] = call.EndTime is null ? null : call.Duration,
                ["recording_url"] = call.RecordingUrl,
                ["custom_field"] = call.CustomField,
                ["start_time"] = Replies.Date(call.StartTime),
                ["end_time"] = Replies.Date(call.EndTime),
            },
        },
    });
}
