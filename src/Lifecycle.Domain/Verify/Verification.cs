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

/// <summary>
/// One OTP verification of one phone for one purpose (guide §3.1). Never reused: a new session starts a new one.
/// The provider's verification sid is recorded once Exotel has accepted the start.
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

    public VerificationStatus Status { get; private set; }

    public VerificationChannel Channel { get; private set; }

    /// <summary>Exotel's verification sid (<c>VE…</c>), once the start was accepted.</summary>
    public string? ProviderSid { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? FailureReason { get; private set; }

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
            ExpiresAt = now + codeLifetime,
        };

    public void RecordProviderSid(string providerSid) => ProviderSid = providerSid;

    public void Fail(string reason)
    {
        Status = VerificationStatus.Failed;
        FailureReason = reason;
    }
}
