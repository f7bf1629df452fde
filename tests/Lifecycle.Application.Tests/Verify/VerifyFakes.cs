using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Verify;

internal sealed class FakeVerificationRepository : IVerificationRepository
{
    private readonly List<Verification> verifications = [];
    private readonly HashSet<string> claimedTokens = [];

    public int Reloads { get; private set; }

    public Task<Verification?> FindAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(verifications.SingleOrDefault(verification => verification.Id == id));

    /// <summary>A claimed token finds nothing: the store's verification would say it is used (<see cref="Verification.VoiceTokenUsedAt"/>).</summary>
    public Task<Verification?> FindByVoiceTokenHashAsync(string tokenHash, CancellationToken ct) =>
        Task.FromResult(claimedTokens.Contains(tokenHash) ? null : verifications.SingleOrDefault(verification => verification.VoiceTokenHash == tokenHash));

    public Task<bool> ClaimVoiceTokenAsync(Guid verificationId, string tokenHash, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult(claimedTokens.Add(tokenHash));

    public Task<IReadOnlyList<Verification>> ListPendingAsync(E164Phone phone, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Verification>>([.. verifications.Where(v => v.Phone == phone && v.Status == VerificationStatus.Pending)]);

    public Task ReloadAsync(Verification verification, CancellationToken ct)
    {
        Reloads++;
        return Task.CompletedTask;
    }

    public void Add(Verification verification) => verifications.Add(verification);
}

/// <summary>Answers every check with <see cref="CheckAnswer"/> and records the codes it was asked about.</summary>
internal sealed class FakeVerifyGateway : IVerifyGateway
{
    public VerifyCheckResult CheckAnswer { get; set; } = new VerifyCheckResult.WrongCode("Invalid OTP Entered");

    public List<(string Sid, string Otp)> Checks { get; } = [];

    public List<string> Starts { get; } = [];

    /// <summary>Answers every start with a refusal instead of a fresh sid when set.</summary>
    public VerifyStartResult.Refused? StartRefusal { get; set; }

    public Task<VerifyStartResult> StartAsync(string phone, CancellationToken ct)
    {
        Starts.Add(phone);
        return Task.FromResult<VerifyStartResult>(StartRefusal ?? (VerifyStartResult)new VerifyStartResult.Started($"VE{Starts.Count:D4}"));
    }

    public Task<VerifyCheckResult> CheckAsync(string verificationSid, string otp, CancellationToken ct)
    {
        Checks.Add((verificationSid, otp));
        return Task.FromResult(CheckAnswer);
    }
}

internal sealed class FakeVoiceOtpGateway : IVoiceOtpGateway
{
    public VoiceOtpCallResult Answer { get; set; } = new VoiceOtpCallResult.Placed("CA0001");

    public List<VoiceOtpCall> Calls { get; } = [];

    public Task<VoiceOtpCallResult> PlaceCallAsync(VoiceOtpCall call, CancellationToken ct)
    {
        Calls.Add(call);
        return Task.FromResult(Answer);
    }
}

/// <summary>Everything a Verify handler needs, with the defaults of policies.md and time frozen at <see cref="TestUsers.T0"/>.</summary>
internal sealed class VerifyWorld
{
    public static readonly E164Phone Phone = E164Phone.Parse("+919876543210");

    public FakeTimeProvider Clock { get; } = new(TestUsers.T0);

    public FakeVerificationRepository Verifications { get; } = new();

    public FakeCurrentWebhookEvent CurrentEvent { get; } = new();

    public FakeUserRepository Users { get; } = new();

    public FakeOutbox Outbox { get; } = new();

    public FakeTimers Timers { get; } = new();

    public FakeVerifyGateway Verify { get; } = new();

    public FakeVoiceOtpGateway Voice { get; } = new();

    public FakeUnitOfWork UnitOfWork { get; } = new();

    public VerifyOptions Options { get; init; } = new();

    public IOptions<VerifyOptions> VerifyOptions => Microsoft.Extensions.Options.Options.Create(Options);

    public VerificationSending Sending => new(Verifications, Outbox, Timers, VerifyOptions, Clock);

    /// <summary>A signup verification of a user in ACQUIRED, its first SMS started by Exotel as <c>VE0001</c>.</summary>
    public (User User, Verification Verification) SignupInProgress(VerificationPurpose purpose = VerificationPurpose.Signup)
    {
        var user = TestUsers.InStage(LifecycleStage.Acquired, Clock.GetUtcNow());
        Users.Add(user);
        var verification = Verification.Start(user.Id, user.Phone!, purpose, Options.CodeLifetime, Clock.GetUtcNow());
        verification.RecordProviderSid("VE0001", 1);
        Verifications.Add(verification);
        return (user, verification);
    }

    public CheckVerificationHandler CheckHandler() => new(Verifications, Users, Verify, Timers, UnitOfWork, VerifyOptions, Clock);

    public Task<VerificationCheckResult> CheckAsync(Guid id, string otp) => CheckHandler().Handle(new CheckVerification(id, otp), CancellationToken.None).AsTask();
}
