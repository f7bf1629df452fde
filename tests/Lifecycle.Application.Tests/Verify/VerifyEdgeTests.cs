using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Tests.Verify;

/// <summary>The edges of the verification rules: limits reached exactly, codes expiring exactly, callbacks of other calls.</summary>
public class VerifyEdgeTests
{
    private readonly VerifyWorld world = new();

    [Fact]
    public async Task A_verification_whose_attempts_are_used_up_under_a_lowered_limit_fails_without_asking_exotel()
    {
        var (_, verification) = world.SignupInProgress();
        await world.CheckAsync(verification.Id, "111111");
        await world.CheckAsync(verification.Id, "222222");
        var lowered = new VerifyWorld { Options = new VerifyOptions { MaxAttempts = 2 } };
        lowered.Verifications.Add(verification);

        var answer = await lowered.CheckAsync(verification.Id, "482916");

        Assert.Equal(new VerificationCheckResult("failed", 0), answer);
        Assert.Empty(lowered.Verify.Checks);
        Assert.Equal((VerificationStatus.Failed, "too many attempts"), (verification.Status, verification.FailureReason));
    }

    [Fact]
    public async Task Once_the_voice_code_has_expired_exotel_ending_the_live_sms_verification_fails_ours()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        var send = verification.RecordVoiceSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        Assert.True(verification.AwaitsVoiceCall(send, world.Clock.GetUtcNow()));
        var token = VoiceOtp.NewToken();
        verification.IssueVoiceCode(VoiceOtp.CodeOf(token), VoiceOtp.HashToken(token), world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        verification.RecordVoiceCall("CA0001");
        world.Clock.Advance(TimeSpan.FromSeconds(20));
        verification.RecordSmsSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        verification.RecordProviderSid("VE0002", verification.SmsSends);
        world.Clock.Advance(TimeSpan.FromSeconds(40));
        world.Verify.CheckAnswer = new VerifyCheckResult.Expired("OTP has expired");

        var answer = await world.CheckAsync(verification.Id, "482916");

        Assert.Equal(new VerificationCheckResult("failed", 0), answer);
        Assert.Equal(("VE0002", "482916"), Assert.Single(world.Verify.Checks));
        Assert.Equal("expired", verification.FailureReason);
    }

    [Fact]
    public async Task An_unknown_verification_is_a_404_naming_the_verification()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => world.CheckAsync(id, "482916"));

        Assert.Equal("Verification", error.Resource);
        Assert.Equal($"Verification '{id}' was not found.", error.Message);
    }

    [Fact]
    public async Task An_approved_verification_of_an_unknown_user_is_approved_without_touching_any_user()
    {
        var (user, verification) = world.SignupInProgress();
        var orphan = Verification.Start(UserId.New(), VerifyWorld.Phone, VerificationPurpose.Signup, world.Options.CodeLifetime, world.Clock.GetUtcNow());
        orphan.RecordProviderSid("VE0009", 1);
        world.Verifications.Add(orphan);
        world.Verify.CheckAnswer = new VerifyCheckResult.Approved();

        var answer = await world.CheckAsync(orphan.Id, "482916");

        Assert.Equal("approved", answer.Status);
        Assert.Equal(LifecycleStage.Acquired, user.Stage);
        Assert.Null(user.VerifySid);
        Assert.Equal(VerificationStatus.Pending, verification.Status);
    }

    [Fact]
    public async Task An_approved_signup_of_a_user_past_acquired_records_the_contact_but_moves_no_stage()
    {
        var (user, verification) = world.SignupInProgress();
        user.TransitionTo(LifecycleStage.Onboarding, "arrange", null, world.Clock.GetUtcNow());
        user.TransitionTo(LifecycleStage.Activated, "arrange", null, world.Clock.GetUtcNow());
        world.Verify.CheckAnswer = new VerifyCheckResult.Approved();

        await world.CheckAsync(verification.Id, "482916");

        Assert.Equal(LifecycleStage.Activated, user.Stage);
        Assert.Equal("VE0001", user.VerifySid);
    }

    [Fact]
    public async Task A_pending_answer_keeps_the_follow_up_timer()
    {
        var (_, verification) = world.SignupInProgress();

        await world.CheckAsync(verification.Id, "111111");

        Assert.Empty(world.Timers.Cancelled);
    }

    [Fact]
    public async Task A_progress_callback_of_the_voice_call_changes_nothing()
    {
        var verification = await PlacedVoiceCall();

        await Apply(new ApplyVoiceOtpCallStatus(verification.Id, "CA0001", CallProgress.Ongoing, "CA0001|ringing"));

        Assert.Equal(VerificationStatus.Pending, verification.Status);
        Assert.Equal(0, world.CurrentEvent.Forgotten);
    }

    [Theory]
    [InlineData(CallProgress.Ongoing)]
    [InlineData(CallProgress.NotAnswered)]
    public async Task A_callback_of_a_verification_erased_with_its_user_is_not_kept(CallProgress progress)
    {
        await Apply(new ApplyVoiceOtpCallStatus(Guid.NewGuid(), "CA0009", progress, "CA0009|x"));

        Assert.Equal(1, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public async Task An_unanswered_call_that_a_newer_send_replaced_changes_nothing()
    {
        var verification = await PlacedVoiceCall();

        await Apply(new ApplyVoiceOtpCallStatus(verification.Id, "CA0000", CallProgress.NotAnswered, "CA0000|no-answer"));
        await Apply(new ApplyVoiceOtpCallStatus(Guid.NewGuid(), "CA0001", CallProgress.NotAnswered, "CA0001|no-answer"));

        Assert.Equal(VerificationStatus.Pending, verification.Status);
    }

    [Fact]
    public async Task A_callback_racing_the_record_of_its_call_sid_names_the_call_in_its_retry_reason()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        verification.RecordVoiceSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        verification.IssueVoiceCode("123456", VoiceOtp.HashToken(VoiceOtp.NewToken()), world.Clock.GetUtcNow(), world.Options.CodeLifetime);

        var error = await Assert.ThrowsAsync<ProviderRecordPendingException>(() =>
            Apply(new ApplyVoiceOtpCallStatus(verification.Id, "CA0009", CallProgress.NotAnswered, "CA0009|no-answer")));

        Assert.Equal("No record yet for voice OTP call id 'CA0009'; the event is kept and retried.", error.Message);
    }

    [Theory]
    [InlineData("", CallProgress.Answered, "CallSid")]
    [InlineData("CA1", (CallProgress)9, "Progress")]
    public void A_call_status_without_its_call_sid_or_with_an_unknown_progress_is_refused(string callSid, CallProgress progress, string field)
    {
        var result = new ApplyVoiceOtpCallStatusValidator().Validate(new ApplyVoiceOtpCallStatus(Guid.NewGuid(), callSid, progress, "k"));

        Assert.Equal(field, Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void A_call_status_is_correlated_by_its_call_sid()
    {
        var command = new ApplyVoiceOtpCallStatus(Guid.NewGuid(), "CA1", CallProgress.Answered, "k");

        Assert.True(new ApplyVoiceOtpCallStatusValidator().Validate(command).IsValid);
        Assert.Equal("CA1", command.CorrelationId);
    }

    [Fact]
    public async Task Every_unusable_voice_token_is_the_same_404()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() =>
            new ReadVoiceOtpHandler(world.Verifications, world.Clock).Handle(new ReadVoiceOtp("voice-otp:nothing"), CancellationToken.None).AsTask());

        Assert.Equal("Voice OTP", error.Resource);
        Assert.Equal("Voice OTP 'token' was not found.", error.Message);
    }

    [Fact]
    public async Task A_token_already_claimed_by_a_concurrent_read_answers_404()
    {
        var verification = await PlacedVoiceCall();
        var token = world.Voice.Calls[0].Token;
        await world.Verifications.ClaimVoiceTokenAsync(verification.Id, VoiceOtp.HashToken(token), world.Clock.GetUtcNow(), CancellationToken.None);
        var racing = new RacingRepository(world.Verifications, verification);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            new ReadVoiceOtpHandler(racing, world.Clock).Handle(new ReadVoiceOtp(token), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_verification_that_failed_inside_the_cooldown_answers_closed_not_too_soon()
    {
        var (_, verification) = world.SignupInProgress();
        for (var i = 0; i < 3; i++)
        {
            await world.CheckAsync(verification.Id, "111111");
        }

        await Assert.ThrowsAsync<VerificationClosed>(() => Resend(verification.Id, "sms"));
    }

    [Fact]
    public async Task An_sms_resend_replaces_the_pending_follow_up_timer()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(30));

        await Resend(verification.Id, "sms");

        Assert.Equal([$"verify-follow-up:{verification.Id}"], world.Timers.Cancelled);
        Assert.Equal(FollowUpVerification.Key(verification.Id), Assert.Single(world.Timers.Scheduled).Key);
    }

    [Fact]
    public async Task A_resend_too_soon_says_how_long_the_cooldown_is_and_an_unknown_one_is_a_404()
    {
        var (_, verification) = world.SignupInProgress();

        var tooSoon = await Assert.ThrowsAsync<TooSoonException>(() => Resend(verification.Id, "sms"));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Resend(Guid.NewGuid(), "sms"));

        Assert.Equal("A code was sent less than 30 s ago; resend after the Retry-After seconds.", tooSoon.Message);
        Assert.Equal("Verification", missing.Resource);
    }

    [Fact]
    public void A_resend_channel_other_than_sms_or_voice_is_refused_listing_them()
    {
        var error = Assert.Single(new ResendVerificationValidator().Validate(new ResendVerification(Guid.NewGuid(), "whatsapp")).Errors);

        Assert.Equal("channel must be one of sms, voice.", error.ErrorMessage);
    }

    [Fact]
    public async Task A_verification_for_a_user_id_that_does_not_exist_is_a_404_naming_the_user()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await new StartVerificationHandler(world.Users, world.Sending, world.VerifyOptions, world.Clock)
                .Handle(new StartVerification("+919876543210", "login", Guid.NewGuid()), CancellationToken.None));

        Assert.Equal("User", error.Resource);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public void An_unknown_purpose_is_refused_listing_the_purposes()
    {
        var error = Assert.Single(new StartVerificationValidator().Validate(new StartVerification("+919876543210", "payment", null)).Errors);

        Assert.Equal("purpose must be one of signup, login, sensitive_action.", error.ErrorMessage);
    }

    private async Task<Verification> PlacedVoiceCall()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        verification.RecordVoiceSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        await new PlaceVoiceOtpCallHandler(
                world.Verifications, world.Voice, world.UnitOfWork, new Application.Common.Messaging.IdempotencyScope(), world.VerifyOptions, world.Clock,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<PlaceVoiceOtpCallHandler>.Instance)
            .Handle(new PlaceVoiceOtpCall(verification.Id, verification.Sends), CancellationToken.None);
        return verification;
    }

    private Task<VerificationView> Resend(Guid id, string channel) =>
        new ResendVerificationHandler(world.Verifications, world.Sending, world.VerifyOptions, world.Clock)
            .Handle(new ResendVerification(id, channel), CancellationToken.None).AsTask();

    private Task Apply(ApplyVoiceOtpCallStatus command) =>
        new ApplyVoiceOtpCallStatusHandler(world.Verifications, world.CurrentEvent, world.Clock).Handle(command, CancellationToken.None).AsTask();

    /// <summary>Still finds the verification by its token, as a read that raced the claim would have.</summary>
    private sealed class RacingRepository(FakeVerificationRepository inner, Verification verification) : IVerificationRepository
    {
        public Task<Verification?> FindAsync(Guid id, CancellationToken ct) => inner.FindAsync(id, ct);

        public Task<Verification?> FindByVoiceTokenHashAsync(string tokenHash, CancellationToken ct) => Task.FromResult<Verification?>(verification);

        public Task<bool> ClaimVoiceTokenAsync(Guid verificationId, string tokenHash, DateTimeOffset now, CancellationToken ct) =>
            inner.ClaimVoiceTokenAsync(verificationId, tokenHash, now, ct);

        public Task<IReadOnlyList<Verification>> ListPendingAsync(Domain.Common.E164Phone phone, CancellationToken ct) => inner.ListPendingAsync(phone, ct);

        public Task ReloadAsync(Verification verification, CancellationToken ct) => inner.ReloadAsync(verification, ct);

        public void Add(Verification verification) => inner.Add(verification);
    }
}
