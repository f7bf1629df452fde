using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Voice;

/// <summary>
/// Voice v1 (docs/exotel-wire.md "Voice v1"): <c>Calls/connect</c> (form-urlencoded; a <c>Url</c> must be a flow,
/// <c>http://my.exotel.com/{sid}/exoml/start_voice/{app_id}</c>: see <see cref="CallFlow"/>) and <c>Calls/{CallSid}</c>;
/// each path also with <c>.json</c>.
/// </summary>
internal static class CallRoutes
{
    public const int MaxCustomField = 128;

    public static void Map(IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/v1/Accounts/{sid}/Calls").RequireCredentials(Credentials.Api).RateLimited(Products.Calls);
        calls.MapPost("/connect", ConnectAsync);
        calls.MapPost("/connect.json", ConnectAsync);
        calls.MapGet("/{callSid}", Status);
    }

    private static async Task<IResult> ConnectAsync(HttpContext http, CallDesk desk, Faults faults, SandboxOptions options, TimeProvider time)
    {
        var request = ApiRequest.Of(http);
        var (from, to, url) = (request.Field("From"), request.Field("To"), request.Field("Url"));
        var flow = url is null ? null : CallFlow.Of(url, options.AccountSid, options.GreetingTextUrls);
        var voicebot = flow?.IsVoicebot == true;
        var products = voicebot ? new[] { Products.Voicebot, Products.Calls } : [Products.Calls];
        if (await faults.InjectAsync(http, products, [from, to]) is { } fault)
        {
            return fault;
        }

        var customField = request.Field("CustomField");
        (string Code, string Message)? refusal = (from, to, url) switch
        {
            (null, _, _) => ("MISSING_PARAMETER", "From is required"),
            _ when !PhoneNumbers.IsE164(from) => ("INVALID_NUMBER", $"From '{from}' is not an E.164 number"),
            _ when request.Field("CallerId") is null => ("MISSING_PARAMETER", "CallerId is required"),
            (_, null, null) => ("MISSING_PARAMETER", "To or Url is required"),
            (_, not null, _) when !PhoneNumbers.IsE164(to) => ("INVALID_NUMBER", $"To '{to}' is not an E.164 number"),
            (_, _, not null) when flow is null => ("INVALID_PARAMETER", $"Url '{url}' is not a flow of this account: http://my.exotel.com/{options.AccountSid}/exoml/start_voice/{{app_id}}"),
            _ when customField?.Length > MaxCustomField => ("CUSTOM_FIELD_TOO_LONG", $"CustomField is longer than {MaxCustomField} characters"),
            _ => null,
        };
        if (refusal is { } refused)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, refused.Code, refused.Message);
        }

        var call = desk.Accept(
            new CallRequest(
                Sids.Call(), "v1", PhoneNumbers.Normalize(from), PhoneNumbers.Normalize(from), to is null ? null : PhoneNumbers.Normalize(to),
                request.Field("CallerId"), url, voicebot, customField, request.Field("StatusCallback"),
                !string.Equals(request.Field("Record"), "false", StringComparison.OrdinalIgnoreCase), time.GetUtcNow())
            {
                GreetingTextUrl = flow?.GreetingTextUrl,
            },
            http.SandboxBaseUrl());
        return Replies.V1(http, "Call", CallDesk.Envelope(call, options.AccountSid));
    }

    private static IResult Status(HttpContext http, string callSid, SandboxState state, SandboxOptions options)
    {
        var sid = callSid.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? callSid[..^5] : callSid;
        return state.FindCall(sid) is { } call
            ? Replies.V1(http, "Call", CallDesk.Envelope(call, options.AccountSid))
            : Replies.Error(http, StatusCodes.Status404NotFound, "NOT_FOUND", $"No call with Sid '{sid}'");
    }
}
