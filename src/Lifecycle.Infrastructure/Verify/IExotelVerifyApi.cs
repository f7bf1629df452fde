using System.Text.Json.Serialization;
using Refit;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// ExoVerify (guide §3.1, docs/exotel-wire.md "Verify"): SMS OTP, JSON, HTTP Basic application_id:secret, base
/// <c>Exotel:Endpoints:Verify</c>. The check is Exotel's documented <c>POST …/verifications/sms/{verification_id}</c>
/// with <c>{"OTP"}</c>; the guide's <c>…/check</c> with <c>{"otp"}</c> is its shorthand and no route of Exotel's.
/// </summary>
public interface IExotelVerifyApi
{
    [Post("/v2/accounts/{accountSid}/verifications/sms")]
    Task<HttpResponseMessage> StartAsync(string accountSid, [Body(buffered: true)] VerificationStartBody body, CancellationToken ct);

    [Post("/v2/accounts/{accountSid}/verifications/sms/{verificationSid}")]
    Task<HttpResponseMessage> CheckAsync(
        string accountSid, string verificationSid, [Body(buffered: true)] VerificationCheckBody body, CancellationToken ct);
}

public sealed class VerificationStartBody
{
    [JsonPropertyName("application_id")]
    public required string ApplicationId { get; init; }

    [JsonPropertyName("phone_number")]
    public required string PhoneNumber { get; init; }

    /// <summary>Values for the DLT template's <c>{#var#}</c> placeholders other than the code, left to right.</summary>
    [JsonPropertyName("replace_vars")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReplaceVars { get; init; }
}

public sealed class VerificationCheckBody
{
    /// <summary>The code the user entered; Exotel names the field in capitals.</summary>
    [JsonPropertyName("OTP")]
    public required string Otp { get; init; }
}
