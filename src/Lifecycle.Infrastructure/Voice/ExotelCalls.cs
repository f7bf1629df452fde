using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>
/// Places calls through Exotel (v1 <c>Calls/connect</c> for flows and number-to-number calls, v2 CCM for agent
/// click-to-call) and reads a call by its sid; sorts refusals (a result) from hiccups (<see cref="ExotelTransientException"/>).
/// </summary>
internal sealed class ExotelCalls(
    IExotelCallsApi calls, IExotelCcmApi ccm, IOptions<ExotelOptions> exotel, IOptions<WebhookOptions> webhooks)
{
    /// <summary>Exotel refuses a longer <c>CustomField</c> on <c>Calls/connect</c> with 400 <c>CUSTOM_FIELD_TOO_LONG</c>.</summary>
    public const int ConnectCustomFieldLimit = 128;

    /// <summary>The limit of <c>custom_field</c> on a v2 CCM call.</summary>
    public const int AgentCallCustomFieldLimit = 255;

    /// <summary>The URL that runs an Exotel flow (e.g. a voicebot) on a call: <see cref="ExotelFlows.StartVoiceUrl"/>.</summary>
    public string FlowUrl(string flowId) => ExotelFlows.StartVoiceUrl(exotel.Value.AccountSid, flowId);

    /// <exception cref="ArgumentException">The call names neither <c>To</c> nor <c>Url</c>, or its custom field is over 128 characters.</exception>
    public async Task<CallPlacement> ConnectAsync(CallToConnect call, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(call.From, nameof(call));
        if (string.IsNullOrEmpty(call.To) && string.IsNullOrEmpty(call.Url))
        {
            throw new ArgumentException("A call to connect needs a To number or a flow Url.", nameof(call));
        }

        EnsureFits(call.CustomField, ConnectCustomFieldLimit, "Calls/connect");
        var form = new CallConnectForm
        {
            From = call.From,
            To = NullIfEmpty(call.To),
            CallerId = exotel.Value.VirtualNumber,
            Url = NullIfEmpty(call.Url),
            CustomField = NullIfEmpty(call.CustomField),
            StatusCallback = ExotelCallbacks.Url(webhooks.Value, call.Callback == CallCallback.Voicebot ? CallWebhooks.BotSession : CallWebhooks.Status),
            StatusCallbackEvent = "terminal",
            Record = call.Record switch { true => "true", false => "false", null => null },
            RecordingChannels = call.RecordingChannels switch { RecordingChannels.Dual => "dual", RecordingChannels.Single => "single", _ => null },
            TimeLimit = Seconds(call.TimeLimit),
            TimeOut = Seconds(call.TimeOut),
        };

        using var response = await calls.ConnectAsync(exotel.Value.AccountSid, form, ct);
        var body = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode)
        {
            return new CallPlacement.Placed(CallReply.Read(body) ?? throw ExotelResponse.Unreadable(response, "Call Sid"));
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, body);
        return new CallPlacement.Refused(code, message);
    }

    public async Task<CallLookup> GetAsync(string callSid, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(callSid);
        using var response = await calls.GetAsync(exotel.Value.AccountSid, callSid, ct);
        var body = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode)
        {
            return new CallLookup.Found(CallReply.Read(body) ?? throw ExotelResponse.Unreadable(response, "Call Sid"));
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, body);
        return new CallLookup.Refused(code, message);
    }

    /// <exception cref="ArgumentException">The custom field is over 255 characters.</exception>
    public async Task<CallPlacement> ConnectAgentAsync(AgentCallToConnect call, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(call.AgentUserId, nameof(call));
        ArgumentException.ThrowIfNullOrEmpty(call.To, nameof(call));
        EnsureFits(call.CustomField, AgentCallCustomFieldLimit, "a v2 CCM call");
        var request = new CcmCallBody
        {
            From = new CcmAgent { UserId = call.AgentUserId },
            To = new CcmNumber { Number = call.To },
            VirtualNumber = exotel.Value.VirtualNumber,
            Recording = true,
            RecordingChannels = "dual",
            CustomField = NullIfEmpty(call.CustomField),
            StatusCallback = [new CcmStatusCallback { Event = "terminal", Url = ExotelCallbacks.Url(webhooks.Value, CallWebhooks.Status) }],
        };

        using var response = await ccm.ConnectAsync(exotel.Value.AccountSid, request, ct);
        var body = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode)
        {
            return new CallPlacement.Placed(CallReply.ReadCcm(body) ?? throw ExotelResponse.Unreadable(response, "call sid"));
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, body);
        return new CallPlacement.Refused(code, message);
    }

    private static void EnsureFits(string? customField, int limit, string api)
    {
        if (customField?.Length > limit)
        {
            throw new ArgumentException(
                $"The custom field is {customField.Length} characters; {api} accepts at most {limit}, so Exotel would refuse the call.",
                "call");
        }
    }

    private static int? Seconds(TimeSpan? duration) =>
        duration is { } value ? (int)Math.Ceiling(value.TotalSeconds) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
