using System.Text.Json.Serialization;
using Refit;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>Exotel Verify (guide §3.1): SMS OTP, JSON, HTTP Basic application_id:secret, base <c>Exotel:Endpoints:Verify</c>.</summary>
public interface IExotelVerifyApi
{
    [Post("/v2/accounts/{accountSid}/verifications/sms")]
    Task<HttpResponseMessage> StartAsync(string accountSid, [Body(buffered: true)] VerificationStartBody body, CancellationToken ct);

    [Post("/v2/accounts/{accountSid}/verifications/sms/{verificationSid}/check")]
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
    [JsonPropertyName("otp")]
    public required string Otp { get; init; }
}
