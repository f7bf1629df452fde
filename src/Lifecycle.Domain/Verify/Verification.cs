using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Verify;

public enum VerificationPurpose
{
    Signup,
    Login,
    SensitiveAction,
}

public enum VerificationStatus
{
    Pending,
    Approved,
    Failed,
}

public enum VerificationChannel
{
    Sms,
    Voice,
}

public static class VerificationNames
{
    public static WireNames<VerificationPurpose> Purposes { get; } = new(new Dictionary<VerificationPurpose, string>
    {
        [VerificationPurpose.Signup] = "signup",
        [VerificationPurpose.Login] = "login",
        [VerificationPurpose.SensitiveAction] = "sensitive_action",
    });

    public static WireNames<VerificationStatus> Statuses { get; } = new(new Dictionary<VerificationStatus, string>
    {
        [VerificationStatus.Pending] = "pending",
        [VerificationStatus.Approved] = "approved",
        [VerificationStatus.Failed] = "failed",
    });

    public static WireNames<VerificationChannel> Channels { get; } = new(new Dictionary<VerificationChannel, string>
    {
        [VerificationChannel.Sms] = "sms",
        [VerificationChannel.Voice] = "voice",
    });
}

/// <summary>How many checks a verification takes (policies.md: 3 wrong codes, 10 attempts).</summary>
public sealed record VerificationLimits(int MaxWrongCodes, int MaxAttempts);

/// <summary>What the code a user entered turned out to be.</summary>
public enum CodeVerdict
{
    /// <summary>The live code: the verification is approved.</summary>
    Right,

    /// <summary>Not the live code (the provider said so, whichever way, or no match with our voice code): one attempt used.</summary>
    Wrong,

    /// <summary>The provider's code has expired: the verification fails.</summary>
    Expired,

    /// <summary>The provider's own attempt limit is used up: the verification fails.</summary>
    AttemptsExhausted,

    /// <summary>The provider refused the check (an unknown or closed verification on its side): the verification fails.</summary>
    ProviderFailed,
}

/// <summary>
/// One OTP verification of one phone for one purpose (guide §3.1). Never reused: a new session starts a new one.
/// Every send (the first SMS, an SMS resend, a voice call) issues a fresh code and renews <see cref="ExpiresAt"/>.
/// An SMS code is Exotel's (we know only the verification sid it belongs to); the voice fallback code is ours and is
/// kept only as a salted SHA-256 hash, next to the hash of the single-use token with which the call asks for it.
/// </summary>
public sealed class Verification : AggregateRoot
{
    private Verification()
    {
        Phone = null!;
    }

    public Guid Id { get; private set; }

    public UserId? UserId { get; private set; }

    public E164Phone Phone { get; private set; }

    public VerificationPurpose Purpose { get; private set; }

    /// <summary>The stored status; a pending verification past <see cref="ExpiresAt"/> reads as failed (<see cref="StatusAt"/>).</summary>
    public VerificationStatus Status { get; private set; }

    /// <summary>The channel of the latest send.</summary>
    public VerificationChannel Channel { get; private set; }

    /// <summary>Exotel's verification sid (<c>VE…</c>) of the latest SMS start Exotel accepted.</summary>
    public string? ProviderSid { get; private set; }

    /// <summary>When the newest code expires; every send renews it.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>Checks made (right or wrong); at most <see cref="VerificationLimits.MaxAttempts"/>.</summary>
    public int Attempts { get; private set; }

    /// <summary>Wrong codes entered; <see cref="VerificationLimits.MaxWrongCodes"/> of them invalidate the verification.</summary>
    public int WrongCodes { get; private set; }

    /// <summary>Sends of any channel, numbering them: follow-up timers and outbox messages name the send they follow.</summary>
    public int Sends { get; private set; }

    /// <summary>SMS codes requested (the first one and every resend).</summary>
    public int SmsSends { get; private set; }

    /// <summary>The SMS send whose Exotel start produced <see cref="ProviderSid"/>.</summary>
    public int SmsSendsStarted { get; private set; }

    public DateTimeOffset LastSentAt { get; private set; }

    /// <summary>When the code of the latest SMS send expires.</summary>
    public DateTimeOffset? SmsCodeExpiresAt { get; private set; }

    /// <summary>Per-verification salt of <see cref="VoiceCodeHash"/> (hex).</summary>
    public string? VoiceCodeSalt { get; private set; }

    /// <summary>SHA-256 of the salt and the voice code (hex); the plain code is never stored.</summary>
    public string? VoiceCodeHash { get; private set; }

    /// <summary>SHA-256 of the voice token (hex): the token itself is only in the call's CustomField handed to Exotel.</summary>
    public string? VoiceTokenHash { get; private set; }

    /// <summary>When the voice code and its token expire.</summary>
    public DateTimeOffset? VoiceCodeExpiresAt { get; private set; }

    /// <summary>When Exotel read the voice OTP text (the token is single-use).</summary>
    public DateTimeOffset? VoiceTokenUsedAt { get; private set; }

    /// <summary>The CallSid of the voice call reading the current voice code, once Exotel has taken it.</summary>
    public string? VoiceCallSid { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>The channel whose code approved the verification.</summary>
    public VerificationChannel? ApprovedChannel { get; private set; }

    /// <summary>Automatic SMS resends so far: SMS sends after the first.</summary>
    public int SmsResends => Math.Max(0, SmsSends - 1);

    public static Verification Start(
        UserId? userId, E164Phone phone, VerificationPurpose purpose, TimeSpan codeLifetime, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Phone = phone,
            Purpose = purpose,
            Status = VerificationStatus.Pending,
            Channel = VerificationChannel.Sms,
            CreatedAt = now,
            Sends = 1,
            SmsSends = 1,
            LastSentAt = now,
            SmsCodeExpiresAt = now + codeLifetime,
            ExpiresAt = now + codeLifetime,
        };

    /// <summary>Pending and its newest code still live.</summary>
    public bool IsOpen(DateTimeOffset now) => Status == VerificationStatus.Pending && now < ExpiresAt;

    /// <summary>The status as the API shows it: a pending verification whose code has expired has failed.</summary>
    public VerificationStatus StatusAt(DateTimeOffset now) =>
        Status == VerificationStatus.Pending && now >= ExpiresAt ? VerificationStatus.Failed : Status;

    /// <summary>Wrong codes still allowed (bounded by the attempts left); 0 once the verification has failed.</summary>
    public int AttemptsLeft(DateTimeOffset now, VerificationLimits limits) =>
        StatusAt(now) == VerificationStatus.Failed
            ? 0
            : Math.Max(0, Math.Min(limits.MaxWrongCodes - WrongCodes, limits.MaxAttempts - Attempts));

    /// <summary>How long until a resend is allowed: <paramref name="cooldown"/> after the latest send; zero when it is.</summary>
    public TimeSpan ResendWait(DateTimeOffset now, TimeSpan cooldown) =>
        LastSentAt + cooldown > now ? LastSentAt + cooldown - now : TimeSpan.Zero;

    /// <summary>A new SMS code (a new Exotel start); answers the number of this SMS send.</summary>
    /// <exception cref="VerificationClosed">The verification is approved, failed or expired.</exception>
    public int RecordSmsSend(DateTimeOffset now, TimeSpan codeLifetime)
    {
        EnsureOpen(now);
        Sends++;
        SmsSends++;
        Channel = VerificationChannel.Sms;
        LastSentAt = now;
        SmsCodeExpiresAt = now + codeLifetime;
        ExpiresAt = now + codeLifetime;
        return SmsSends;
    }

    /// <summary>
    /// A voice call reading a code of ours is to be placed; the code itself is issued when the call is placed
    /// (<see cref="IssueVoiceCode"/>). Answers the number of this send.
    /// </summary>
    /// <exception cref="VerificationClosed">The verification is approved, failed or expired.</exception>
    public int RecordVoiceSend(DateTimeOffset now, TimeSpan codeLifetime)
    {
        EnsureOpen(now);
        Sends++;
        Channel = VerificationChannel.Voice;
        LastSentAt = now;
        ExpiresAt = now + codeLifetime;
        VoiceCallSid = null;
        return Sends;
    }

    /// <summary>Exotel accepted the start of SMS send <paramref name="smsSend"/> and named it.</summary>
    public void RecordProviderSid(string providerSid, int smsSend)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerSid);
        if (smsSend < SmsSendsStarted)
        {
            return;
        }

        ProviderSid = providerSid;
        SmsSendsStarted = smsSend;
    }

    /// <summary>SMS send <paramref name="smsSend"/> still has to be handed to Exotel: it is the newest, not started yet, and the verification is open.</summary>
    public bool AwaitsSmsStart(int smsSend, DateTimeOffset now) =>
        IsOpen(now) && smsSend == SmsSends && SmsSendsStarted < smsSend;

    /// <summary>Voice send <paramref name="send"/> still needs its call: it is the newest send and no call reads its code yet.</summary>
    public bool AwaitsVoiceCall(int send, DateTimeOffset now) =>
        IsOpen(now) && Channel == VerificationChannel.Voice && send == Sends && VoiceCallSid is null;

    /// <summary>
    /// Issues the voice code (kept only as a salted hash) and the hash of its single-use token; both expire
    /// <paramref name="codeLifetime"/> from now, and so does the verification's newest code.
    /// </summary>
    public void IssueVoiceCode(string code, string tokenHash, DateTimeOffset now, TimeSpan codeLifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        VoiceCodeSalt ??= VoiceOtp.NewSalt();
        VoiceCodeHash = VoiceOtp.HashCode(VoiceCodeSalt, code);
        VoiceTokenHash = tokenHash;
        VoiceTokenUsedAt = null;
        VoiceCallSid = null;
        VoiceCodeExpiresAt = now + codeLifetime;
        ExpiresAt = now + codeLifetime;
        LastSentAt = now;
    }

    /// <summary>Exotel took the call that reads the current voice code.</summary>
    public void RecordVoiceCall(string callSid)
    {
        ArgumentException.ThrowIfNullOrEmpty(callSid);
        VoiceCallSid = callSid;
    }

    /// <summary>A voice code has been issued but Exotel's CallSid for it is not recorded yet.</summary>
    public bool VoiceCallBeingPlaced(DateTimeOffset now) =>
        IsOpen(now) && Channel == VerificationChannel.Voice && VoiceTokenHash is not null && VoiceCallSid is null
        && now < VoiceCodeExpiresAt;

    /// <summary>
    /// The voice token with this hash may be spent now: it is the current one, not used yet, its code is live and the
    /// verification open. Spending it is one conditional write of <see cref="VoiceTokenUsedAt"/> by the store, so that
    /// of two fetches racing only one succeeds.
    /// </summary>
    public bool CanUseVoiceToken(string tokenHash, DateTimeOffset now) =>
        IsOpen(now) && VoiceTokenHash is not null && VoiceTokenUsedAt is null && now < VoiceCodeExpiresAt
        && VoiceOtp.SameHash(VoiceTokenHash, tokenHash);

    /// <summary>The terminal status of the voice call reading the current code: an unanswered call fails the verification.</summary>
    public void ApplyVoiceCallOutcome(string callSid, bool answered)
    {
        if (Status != VerificationStatus.Pending || Channel != VerificationChannel.Voice || VoiceCallSid != callSid || answered)
        {
            return;
        }

        Fail("voice call not answered");
    }

    /// <summary>The voice code is live and <paramref name="code"/> is it.</summary>
    public bool MatchesVoiceCode(string code, DateTimeOffset now) =>
        VoiceCodeHash is not null && VoiceCodeSalt is not null && now < VoiceCodeExpiresAt
        && VoiceOtp.SameHash(VoiceCodeHash, VoiceOtp.HashCode(VoiceCodeSalt, code));

    /// <summary>An SMS code of Exotel's is live and can be checked through its sid.</summary>
    public bool HasLiveSmsCode(DateTimeOffset now) => ProviderSid is not null && now < SmsCodeExpiresAt;

    /// <summary>
    /// Ends a pending verification whose code has expired or whose attempts are used up; answers whether it still
    /// takes a check.
    /// </summary>
    public bool TakesChecks(DateTimeOffset now, VerificationLimits limits)
    {
        if (Status != VerificationStatus.Pending)
        {
            return false;
        }

        if (now >= ExpiresAt)
        {
            Fail("expired");
            return false;
        }

        if (Attempts >= limits.MaxAttempts)
        {
            Fail("too many attempts");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Counts a check and applies its verdict: the right code approves; the last allowed wrong code (or the last
    /// attempt) fails the verification; the provider's expiry, attempt limit or refusal fails it.
    /// </summary>
    /// <exception cref="VerificationClosed">The verification does not take checks (call <see cref="TakesChecks"/> first).</exception>
    public void RecordCheck(CodeVerdict verdict, VerificationChannel via, VerificationLimits limits, DateTimeOffset now)
    {
        if (!TakesChecks(now, limits))
        {
            throw new VerificationClosed(Id, StatusAt(now));
        }

        Attempts++;
        if (verdict == CodeVerdict.Right)
        {
            Status = VerificationStatus.Approved;
            ApprovedAt = now;
            ApprovedChannel = via;
            return;
        }

        if (ProviderFailure(verdict) is { } reason)
        {
            Fail(reason);
            return;
        }

        WrongCodes++;
        if (WrongCodes >= limits.MaxWrongCodes)
        {
            Fail("too many wrong codes");
        }
        else if (Attempts >= limits.MaxAttempts)
        {
            Fail("too many attempts");
        }
    }

    private static string? ProviderFailure(CodeVerdict verdict) => verdict switch
    {
        CodeVerdict.Expired => "expired",
        CodeVerdict.AttemptsExhausted => "too many attempts",
        CodeVerdict.ProviderFailed => "the provider failed the verification",
        _ => null,
    };

    /// <summary>A newer verification of the same phone replaces this one (one live verification per phone).</summary>
    public void Supersede(Guid newer)
    {
        if (Status == VerificationStatus.Pending)
        {
            Fail($"superseded by {newer}");
        }
    }

    public void Fail(string reason)
    {
        Status = VerificationStatus.Failed;
        FailureReason = reason.Length > 256 ? reason[..256] : reason;
    }

    private void EnsureOpen(DateTimeOffset now)
    {
        if (!IsOpen(now))
        {
            throw new VerificationClosed(Id, StatusAt(now));
        }
    }
}

/// <summary>The verification no longer takes sends or checks: it is approved, failed or expired (409).</summary>
public sealed class VerificationClosed(Guid id, VerificationStatus status)
    : DomainException($"Verification '{id}' is {VerificationNames.Statuses.Name(status)}; start a new verification.");
