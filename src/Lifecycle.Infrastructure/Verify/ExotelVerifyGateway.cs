using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Verify;
using Lifecycle.Infrastructure.Exotel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>The Verify port over the typed Exotel Verify client.</summary>
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
    /// is <see cref="ProviderUnavailableException"/> (503), never a silent "not approved".
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
            VerificationCheck.Checked { Status: ExotelVerificationStatus.Approved } => new VerifyCheckResult.Approved(),
            VerificationCheck.Checked { Status: ExotelVerificationStatus.Failed } => new VerifyCheckResult.Failed(),
            VerificationCheck.Checked => new VerifyCheckResult.NotApproved("pending"),
            VerificationCheck.NotApproved wrong => new VerifyCheckResult.NotApproved(wrong.Message),
            VerificationCheck.Refused refused => new VerifyCheckResult.Refused(refused.Code, refused.Message),
            var other => throw new InvalidOperationException($"Unexpected Verify check result {other}."),
        };
    }
}
