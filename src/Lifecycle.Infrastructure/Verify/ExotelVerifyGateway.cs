using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Verify;
using Lifecycle.Infrastructure.Exotel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>The Verify port over the typed Exotel Verify client: ExoVerify's answers become our own typed result.</summary>
internal sealed class ExotelVerifyGateway(ExotelVerify verify) : IVerifyGateway
{
    public async Task<VerifyStartResult> StartAsync(string phone, CancellationToken ct) =>
        await verify.StartAsync(phone, templateVariables: null, ct) switch
        {
            VerificationStart.Started started => new VerifyStartResult.Started(started.Sid),
            VerificationStart.Refused refused => new VerifyStartResult.Refused(refused.Code, refused.Message),
            var other => throw new InvalidOperationException($"Unexpected Verify start result {other}."),
        };

    /// <summary>
    /// A check is made while the user waits: a provider that cannot answer (after the resilience pipeline's retries)
    /// is <see cref="ProviderUnavailableException"/> (503), never a silent "not approved"; every answer it does give is
    /// a verdict.
    /// </summary>
    public async Task<VerifyCheckResult> CheckAsync(string verificationSid, string otp, CancellationToken ct)
    {
        VerificationCheck check;
        try
        {
            check = await verify.CheckAsync(verificationSid, otp, ct);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested && (exception is ExotelTransientException or HttpRequestException
            or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException || ProviderOutcomeUnknownException.FindIn(exception) is not null))
        {
            throw new ProviderUnavailableException("Exotel Verify", exception);
        }

        return check switch
        {
            VerificationCheck.Approved => new VerifyCheckResult.Approved(),
            VerificationCheck.WrongCode wrong => new VerifyCheckResult.WrongCode(wrong.Message),
            VerificationCheck.Expired expired => new VerifyCheckResult.Expired(expired.Message),
            VerificationCheck.TooManyAttempts exhausted => new VerifyCheckResult.AttemptsExhausted(exhausted.Message),
            VerificationCheck.Refused refused => new VerifyCheckResult.Refused(refused.Code, refused.Message),
            var other => throw new InvalidOperationException($"Unexpected Verify check result {other}."),
        };
    }
}
