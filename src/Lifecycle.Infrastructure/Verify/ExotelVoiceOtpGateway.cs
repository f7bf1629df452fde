using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Verify;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// The voice OTP port: a Voice v1 call from our virtual number to the user whose flow is our ExoML URL, with its
/// terminal status sent to <c>/webhooks/exotel/call</c>. 429/5xx throw <see cref="ExotelTransientException"/> (the
/// outbox retries); a 4xx is a refusal.
/// </summary>
internal sealed class ExotelVoiceOtpGateway(IExotelVoiceOtpApi api, IOptions<ExotelOptions> exotel, IOptions<WebhookOptions> webhooks)
    : IVoiceOtpGateway
{
    /// <summary>Exotel refuses a longer <c>CustomField</c> on <c>Calls/connect</c>.</summary>
    public const int CustomFieldLimit = 128;

    public const string ExoMlRoute = "/exoml/voice-otp/";

    public async Task<VoiceOtpCallResult> PlaceCallAsync(VoiceOtpCall call, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(call.Phone);
        ArgumentException.ThrowIfNullOrEmpty(call.Token);
        if (call.CustomField.Length > CustomFieldLimit)
        {
            throw new ArgumentException($"The custom field is {call.CustomField.Length} characters; Calls/connect accepts at most {CustomFieldLimit}.", nameof(call));
        }

        var form = new VoiceOtpCallForm
        {
            From = call.Phone,
            CallerId = exotel.Value.VirtualNumber,
            Url = ExotelCallbacks.Page(webhooks.Value, ExoMlRoute + Uri.EscapeDataString(call.Token)),
            CustomField = call.CustomField,
            StatusCallback = ExotelCallbacks.Url(webhooks.Value, WebhookSource.Call),
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
            return ExotelReply.Read(body, "Call").TryGetValue("Sid", out var sid) && !string.IsNullOrEmpty(sid)
                ? new VoiceOtpCallResult.Placed(sid)
                : throw ExotelResponse.Unreadable(response, "Call Sid");
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, body);
        return new VoiceOtpCallResult.Refused(code, message);
    }
}
