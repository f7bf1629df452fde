using Refit;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// The one Voice v1 request Verify makes (docs/exotel-wire.md "Voice v1"): <c>Calls/connect</c> playing the voice OTP
/// flow, form-urlencoded, HTTP Basic api_key:api_token at <c>Exotel:Endpoints:Api</c>. Verify keeps this small call of
/// its own rather than using the Voice module's client: product modules do not depend on each other.
/// </summary>
public interface IExotelVoiceOtpApi
{
    [Post("/v1/Accounts/{accountSid}/Calls/connect")]
    Task<HttpResponseMessage> ConnectAsync(string accountSid, [Body(BodySerializationMethod.UrlEncoded)] VoiceOtpCallForm form, CancellationToken ct);
}

/// <summary>The <c>Calls/connect</c> form of a voice OTP call; never recorded (it speaks a code).</summary>
public sealed class VoiceOtpCallForm
{
    /// <summary>The user's number, dialled first.</summary>
    [AliasAs("From")]
    public required string From { get; init; }

    /// <summary>Our virtual number.</summary>
    [AliasAs("CallerId")]
    public required string CallerId { get; init; }

    /// <summary><c>http://my.exotel.com/{AccountSid}/exoml/start_voice/{Exotel:VoiceOtp:Flow}</c>.</summary>
    [AliasAs("Url")]
    public required string Url { get; init; }

    /// <summary>The call's single-use token, <c>voice-otp:{verificationId}.{secret}</c>.</summary>
    [AliasAs("CustomField")]
    public required string CustomField { get; init; }

    [AliasAs("StatusCallback")]
    public required string StatusCallback { get; init; }

    [AliasAs("StatusCallbackEvents[0]")]
    public string StatusCallbackEvent { get; init; } = "terminal";

    [AliasAs("Record")]
    public string Record { get; init; } = "false";
}
