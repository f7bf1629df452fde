using Lifecycle.Domain.Common;
using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Verify;

public interface IVerificationRepository
{
    Task<Verification?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>The verification whose voice OTP token hashes to <paramref name="tokenHash"/>.</summary>
    Task<Verification?> FindByVoiceTokenHashAsync(string tokenHash, CancellationToken ct);

    /// <summary>
    /// Spends a voice OTP token: one conditional write of its use time, true only for the caller that made it (a
    /// concurrent or later fetch gets false). It is not versioned like the aggregate, so it never conflicts with the
    /// record of the call's sid being written at the same moment.
    /// </summary>
    Task<bool> ClaimVoiceTokenAsync(Guid verificationId, string tokenHash, DateTimeOffset now, CancellationToken ct);

    /// <summary>The phone's verifications still pending (a new one supersedes them).</summary>
    Task<IReadOnlyList<Verification>> ListPendingAsync(E164Phone phone, CancellationToken ct);

    /// <summary>Reads the stored state of a verification read earlier again (other requests may have changed it since).</summary>
    Task ReloadAsync(Verification verification, CancellationToken ct);

    void Add(Verification verification);
}

/// <summary>Exotel Verify. Transient failures throw; a refusal is returned.</summary>
public interface IVerifyGateway
{
    Task<VerifyStartResult> StartAsync(string phone, CancellationToken ct);

    /// <summary>Checks a code against an SMS verification.</summary>
    /// <exception cref="Common.Errors.ProviderUnavailableException">Exotel could not be reached or answered 429/5xx.</exception>
    Task<VerifyCheckResult> CheckAsync(string verificationSid, string otp, CancellationToken ct);
}

public abstract record VerifyStartResult
{
    private VerifyStartResult()
    {
    }

    public sealed record Started(string VerificationSid) : VerifyStartResult;

    public sealed record Refused(string Code, string Reason) : VerifyStartResult;
}

/// <summary>What the provider said of a code, in our words (the provider's own words stay in its adapter).</summary>
public abstract record VerifyCheckResult
{
    private VerifyCheckResult()
    {
    }

    public sealed record Approved : VerifyCheckResult;

    /// <summary>Not the code sent: one attempt is used, whichever way the provider put it.</summary>
    public sealed record WrongCode(string Reason) : VerifyCheckResult;

    /// <summary>The provider's code has expired.</summary>
    public sealed record Expired(string Reason) : VerifyCheckResult;

    /// <summary>The provider's own limit of attempts is used up.</summary>
    public sealed record AttemptsExhausted(string Reason) : VerifyCheckResult;

    /// <summary>The provider refused the check (e.g. an unknown sid).</summary>
    public sealed record Refused(string Code, string Reason) : VerifyCheckResult;
}

/// <summary>
/// Places the voice call that reads a voice OTP: Voice v1 <c>Calls/connect</c> playing the voice OTP flow, whose
/// Greeting applet reads <c>/exoml/voice-otp</c>. Transient failures throw; a refusal is returned.
/// </summary>
public interface IVoiceOtpGateway
{
    Task<VoiceOtpCallResult> PlaceCallAsync(VoiceOtpCall call, CancellationToken ct);
}

/// <param name="Phone">The user's number (E.164), dialled first.</param>
/// <param name="Token">
/// The call's <c>CustomField</c>: the single-use token (<see cref="VoiceOtpToken"/>) the flow hands back when it asks
/// for the text to speak, and the call's status callback hands back to find the verification.
/// </param>
public sealed record VoiceOtpCall(string Phone, string Token);

public abstract record VoiceOtpCallResult
{
    private VoiceOtpCallResult()
    {
    }

    public sealed record Placed(string CallSid) : VoiceOtpCallResult;

    public sealed record Refused(string Code, string Reason) : VoiceOtpCallResult;

    /// <summary>Exotel may have placed the call and we cannot tell: it is never placed again automatically (ADR 0006).</summary>
    public sealed record OutcomeUnknown(string Reason) : VoiceOtpCallResult;
}
