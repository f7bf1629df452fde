using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// Sends SMS one-time codes through ExoVerify and checks the codes users enter. This is the only place that knows
/// ExoVerify's words (<c>success</c>, <c>failure</c>, 1211, 1210, 1016…): every readable answer becomes a
/// <see cref="VerificationCheck"/>; only 429/5xx (after the resilience pipeline's retries) throw
/// <see cref="ExotelTransientException"/>.
/// </summary>
internal sealed class ExotelVerify(IExotelVerifyApi api, IOptions<ExotelOptions> exotel)
{
    /// <summary>Exotel's error codes of a check (its Verify OTP page's error table).</summary>
    public const string WrongCode = "1211";

    public const string CodeExpired = "1210";

    public const string TooManyAttempts = "1016";

    private static readonly string[] ApprovedWords = ["success", "approved"];

    /// <summary><c>failure</c> (Exotel), <c>failed</c> and <c>pending</c> (the guide): the code entered is not the one sent.</summary>
    private static readonly string[] WrongCodeWords = ["failure", "failed", "pending"];

    /// <param name="phoneNumber">E.164.</param>
    /// <param name="templateVariables">Values of the DLT template's placeholders other than the code; none are sent when empty.</param>
    public async Task<VerificationStart> StartAsync(string phoneNumber, IReadOnlyList<string>? templateVariables, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneNumber);
        var body = new VerificationStartBody
        {
            ApplicationId = exotel.Value.Verify.ApplicationId,
            PhoneNumber = phoneNumber,
            ReplaceVars = templateVariables is { Count: > 0 } ? templateVariables : null,
        };

        using var response = await api.StartAsync(exotel.Value.AccountSid, body, ct);
        var reply = VerifyReply.Parse(await ExotelResponse.ReadBodyAsync(response, ct));
        if (response.IsSuccessStatusCode)
        {
            return new VerificationStart.Started(
                reply?.VerificationSid ?? throw ExotelResponse.Unreadable(response, "verification_id"), reply.StatusWord);
        }

        var (code, message) = VerifyReply.Refusal(reply, response.StatusCode);
        return new VerificationStart.Refused(code, message);
    }

    public async Task<VerificationCheck> CheckAsync(string verificationSid, string otp, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(verificationSid);
        ArgumentException.ThrowIfNullOrEmpty(otp);
        using var response = await api.CheckAsync(exotel.Value.AccountSid, verificationSid, new VerificationCheckBody { Otp = otp }, ct);
        var reply = VerifyReply.Parse(await ExotelResponse.ReadBodyAsync(response, ct));

        // An error code decides first, whatever the HTTP status: Exotel answers 1211 with 400 and 1016 with 403.
        if (reply?.Error is { Code: { } code } error)
        {
            var message = error.Text ?? response.StatusCode.ToString();
            return code switch
            {
                WrongCode => new VerificationCheck.WrongCode(message),
                CodeExpired => new VerificationCheck.Expired(message),
                TooManyAttempts => new VerificationCheck.TooManyAttempts(message),
                _ => new VerificationCheck.Refused(code, message),
            };
        }

        if (!response.IsSuccessStatusCode)
        {
            var (status, words) = VerifyReply.Refusal(reply, response.StatusCode);
            return new VerificationCheck.Refused(status, words);
        }

        return (reply?.StatusWord, reply?.EnvelopeStatus) switch
        {
            ({ } word, _) when IsOneOf(word, ApprovedWords) => new VerificationCheck.Approved(),
            ({ } word, _) when IsOneOf(word, WrongCodeWords) => new VerificationCheck.WrongCode(word),

            // With no status of the verification, the envelope's "failure" still says the code was not accepted; its
            // "success" only says the request went through, which must never approve anything.
            (null, { } envelope) when IsOneOf(envelope, WrongCodeWords) => new VerificationCheck.WrongCode(envelope),

            // A 200 we cannot read may have approved or not: neither verdict can be recorded, so the check fails as a call.
            _ => throw ExotelResponse.Unreadable(response, $"known verification status (got '{reply?.StatusWord ?? reply?.EnvelopeStatus}')"),
        };
    }

    private static bool IsOneOf(string word, string[] words) => words.Contains(word, StringComparer.OrdinalIgnoreCase);
}
