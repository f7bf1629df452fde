using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Verify;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Tests.Verify;

/// <summary>
/// Placing the voice OTP call (ADR 0004, 0006): the code is committed before the call, the call is placed once, and
/// its outcome is recorded on fresh data even when a check changed the verification meanwhile.
/// </summary>
public class VoiceOtpCallTests
{
    private readonly VerifyWorld world = new();
    private readonly CapturingLogger<PlaceVoiceOtpCallHandler> logger = new();

    [Fact]
    public async Task A_call_placed_while_a_check_changed_the_verification_is_recorded_again_on_fresh_data()
    {
        var verification = OnVoiceRung();
        world.UnitOfWork.ConflictingKeyedCommits = 2;

        await Place(verification);

        Assert.Single(world.Voice.Calls);
        Assert.Equal("CA0001", verification.VoiceCallSid);
        Assert.Equal([null, "outbox:9", "outbox:9", "outbox:9"], world.UnitOfWork.EventKeys);
        Assert.Equal(3, world.Verifications.Reloads);
    }

    [Fact]
    public async Task A_record_that_keeps_conflicting_gives_up_after_three_tries_without_placing_the_call_again()
    {
        var verification = OnVoiceRung();
        world.UnitOfWork.ConflictingKeyedCommits = 3;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Place(verification));

        Assert.Single(world.Voice.Calls);
        Assert.Equal(4, world.UnitOfWork.EventKeys.Count);
    }

    [Fact]
    public async Task The_call_outcome_is_recorded_on_the_verification_read_again_after_the_call()
    {
        var verification = OnVoiceRung();

        await Place(verification);

        Assert.Equal(1, world.Verifications.Reloads);
    }

    [Fact]
    public async Task An_unknown_outcome_completes_the_send_and_leaves_the_verification_to_its_expiry_with_a_warning()
    {
        var verification = OnVoiceRung();
        world.Voice.Answer = new VoiceOtpCallResult.OutcomeUnknown("timeout after the request was written");

        await Place(verification);

        Assert.Single(world.Voice.Calls);
        Assert.Equal(2, world.UnitOfWork.Commits);
        Assert.Equal(VerificationStatus.Pending, verification.Status);
        Assert.Null(verification.VoiceCallSid);
        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains(verification.Id.ToString(), warning.Message);
        Assert.Contains("timeout after the request was written", warning.Message);
    }

    [Fact]
    public async Task A_refusal_after_the_user_already_entered_the_right_code_does_not_fail_the_approved_verification()
    {
        var verification = OnVoiceRung();
        world.Voice.Answer = new VoiceOtpCallResult.Refused("CALL_FAILED", "busy network");
        var approveDuringTheCall = new ApprovingGateway(world.Voice, () =>
            verification.RecordCheck(CodeVerdict.Right, VerificationChannel.Voice, world.Options.Limits(), world.Clock.GetUtcNow()));

        await Place(verification, approveDuringTheCall);

        Assert.Equal(VerificationStatus.Approved, verification.Status);
        Assert.Null(verification.FailureReason);
    }

    [Fact]
    public async Task A_refused_call_names_the_code_and_reason_in_the_failure()
    {
        var verification = OnVoiceRung();
        world.Voice.Answer = new VoiceOtpCallResult.Refused("INVALID_NUMBER", "From is not a number");

        await Place(verification);

        Assert.Equal("voice call refused: INVALID_NUMBER: From is not a number", verification.FailureReason);
    }

    [Fact]
    public async Task A_voice_send_of_an_unknown_verification_places_no_call()
    {
        await new PlaceVoiceOtpCallHandler(world.Verifications, world.Voice, world.UnitOfWork, Idempotency(), world.VerifyOptions, world.Clock, logger)
            .Handle(new PlaceVoiceOtpCall(Guid.NewGuid(), 2), CancellationToken.None);

        Assert.Empty(world.Voice.Calls);
        Assert.Single(world.UnitOfWork.EventKeys);
    }

    [Fact]
    public async Task The_code_and_the_verification_expire_one_code_lifetime_after_the_call_is_placed()
    {
        var verification = OnVoiceRung();
        world.Clock.Advance(TimeSpan.FromSeconds(4));

        await Place(verification);

        Assert.Equal(world.Clock.GetUtcNow() + world.Options.CodeLifetime, verification.VoiceCodeExpiresAt);
        Assert.Equal(world.Clock.GetUtcNow() + world.Options.CodeLifetime, verification.ExpiresAt);
    }

    [Fact]
    public void The_voice_call_uses_the_voice_rate_lane_and_is_correlated_by_its_verification()
    {
        var id = Guid.NewGuid();
        var call = new PlaceVoiceOtpCall(id, 3);

        Assert.Equal(("voice", id.ToString()), (call.RateLane, call.CorrelationId));
    }

    [Fact]
    public void A_token_names_its_verification_before_a_256_bit_secret_within_the_128_characters_of_a_custom_field()
    {
        var id = Guid.NewGuid();

        var token = VoiceOtpToken.New(id);
        var other = VoiceOtpToken.New(id);

        Assert.StartsWith($"voice-otp:{id:D}.", token);
        Assert.Equal(43, token.Length - $"voice-otp:{id:D}.".Length);
        Assert.True(token.Length <= 90);
        Assert.NotEqual(token, other);
        Assert.Equal(id, VoiceOtpToken.VerificationIdOf(token));
        Assert.Null(VoiceOtpToken.VerificationIdOf(null));
        Assert.Null(VoiceOtpToken.VerificationIdOf($"VOICE-OTP:{id:D}"));
        Assert.Null(VoiceOtpToken.VerificationIdOf($"voice-otp:{id:N}"));
    }

    /// <summary>A pending verification on its voice rung, its SMS code long expired.</summary>
    private Verification OnVoiceRung()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        verification.RecordVoiceSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        return verification;
    }

    private static IdempotencyScope Idempotency() => new() { EventKey = "outbox:9" };

    private Task Place(Verification verification, IVoiceOtpGateway? gateway = null) =>
        new PlaceVoiceOtpCallHandler(world.Verifications, gateway ?? world.Voice, world.UnitOfWork, Idempotency(), world.VerifyOptions, world.Clock, logger)
            .Handle(new PlaceVoiceOtpCall(verification.Id, verification.Sends), CancellationToken.None).AsTask();

    private sealed class ApprovingGateway(IVoiceOtpGateway inner, Action duringTheCall) : IVoiceOtpGateway
    {
        public Task<VoiceOtpCallResult> PlaceCallAsync(VoiceOtpCall call, CancellationToken ct)
        {
            duringTheCall();
            return inner.PlaceCallAsync(call, ct);
        }
    }
}
