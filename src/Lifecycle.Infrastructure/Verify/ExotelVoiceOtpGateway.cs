using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Verify;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// The voice OTP port: a Voice v1 call from our virtual number to the user that plays the flow
/// <c>Exotel:VoiceOtp:Flow</c>, with the call's single-use token as its <c>CustomField</c> (the flow's Greeting hands it
/// back to <c>/exoml/voice-otp</c>) and its terminal status sent to <c>/webhooks/exotel/call</c>. 429/5xx throw
/// <see cref="ExotelTransientException"/> (the outbox retries); a 4xx is a refusal.
/// </summary>
internal sealed class ExotelVoiceOtpGateway(
    IExotelVoiceOtpApi api, IOptions<ExotelOptions> exotel, IOptions<VoiceOtpFlowOptions> flow, IOptions<WebhookOptions> webhooks)
    : IVoiceOtpGateway
{
    /// <summary>Exotel refuses a longer <c>CustomField</c> on <c>Calls/connect</c>.</summary>
    public const int CustomFieldLimit = 128;

    public async Task<VoiceOtpCallResult> PlaceCallAsync(VoiceOtpCall call, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(call.Phone);
        ArgumentException.ThrowIfNullOrEmpty(call.Token);
        if (call.Token.Length > CustomFieldLimit)
        {
            throw new ArgumentException($"The token is {call.Token.Length} characters; Calls/connect accepts a CustomField of at most {CustomFieldLimit}.", nameof(call));
        }

        var form = new VoiceOtpCallForm
        {
            From = call.Phone,
            CallerId = exotel.Value.VirtualNumber,
            Url = ExotelFlows.StartVoiceUrl(exotel.Value.AccountSid, flow.Value.Flow),
            CustomField = call.Token,
            StatusCallback = ExotelCallbacks.Url(webhooks.Value, CallWebhooks.Status),
        };

        try
        {
            return await ConnectAsync(form, ct);
        }
        catch (Exception exception) when (ProviderOutcomeUnknownException.FindIn(exception) is not null)
        {
            return new VoiceOtpCallResult.OutcomeUnknown(ProviderOutcomeUnknownException.FindIn(exception)!.Message);
        }
    }

    private async Task<VoiceOtpCallResult> ConnectAsync(VoiceOtpCallForm form, CancellationToken ct)
    {
        using var response = await api.ConnectAsync(exotel.Value.AccountSid, form, ct);
        var body = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode)
        {
            return ExotelReply.TryRead(body, "Call") is { } call && call.TryGetValue("Sid", out var sid) && !string.IsNullOrEmpty(sid)
                ? new VoiceOtpCallResult.Placed(sid)
                : throw ExotelResponse.Unreadable(response, "Call Sid");
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, body);
        return new VoiceOtpCallResult.Refused(code, message);
    }
}
