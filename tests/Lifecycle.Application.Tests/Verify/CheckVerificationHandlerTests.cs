using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Tests.Verify;

public class CheckVerificationHandlerTests
{
    private readonly VerifyWorld world = new();

    [Fact]
    public async Task Three_wrong_codes_answer_pending_with_the_wrong_codes_left_then_invalidate_the_verification()
    {
        var (_, verification) = world.SignupInProgress();

        var answers = new List<VerificationCheckResult>();
        for (var i = 0; i < 3; i++)
        {
            world.Clock.Advance(TimeSpan.FromSeconds(5));
            answers.Add(await world.CheckAsync(verification.Id, "111111"));
        }

        Assert.Equal(
            [new("pending", 2), new("pending", 1), new VerificationCheckResult("failed", 0)],
            answers);
        Assert.Equal(VerificationStatus.Failed, verification.Status);
        Assert.Equal(3, world.Verify.Checks.Count);
        Assert.All(world.Verify.Checks, check => Assert.Equal(("VE0001", "111111"), check));
        Assert.Contains(FollowUpVerification.Key(verification.Id), world.Timers.Cancelled);
    }

    [Fact]
    public async Task A_failed_verification_answers_failed_without_asking_exotel_again()
    {
        var (_, verification) = world.SignupInProgress();
        for (var i = 0; i < 3; i++)
        {
            await world.CheckAsync(verification.Id, "111111");
        }

        world.Verify.CheckAnswer = new VerifyCheckResult.Approved();
        var answer = await world.CheckAsync(verification.Id, "482916");

        Assert.Equal(new VerificationCheckResult("failed", 0), answer);
        Assert.Equal(3, world.Verify.Checks.Count);
        Assert.Equal(3, verification.Attempts);
    }

    [Fact]
    public async Task The_attempts_limit_fails_the_verification_before_the_wrong_code_limit_when_lower()
    {
        var strict = new VerifyWorld { Options = new VerifyOptions { MaxWrongCodes = 5, MaxAttempts = 2 } };
        var (_, verification) = strict.SignupInProgress();

        var first = await strict.CheckAsync(verification.Id, "111111");
        var second = await strict.CheckAsync(verification.Id, "222222");
        var third = await strict.CheckAsync(verification.Id, "333333");

        Assert.Equal(new VerificationCheckResult("pending", 1), first);
        Assert.Equal(new VerificationCheckResult("failed", 0), second);
        Assert.Equal(new VerificationCheckResult("failed", 0), third);
        Assert.Equal("too many attempts", verification.FailureReason);
        Assert.Equal(2, strict.Verify.Checks.Count);
    }

    [Fact]
    public async Task An_expired_verification_answers_failed_without_asking_exotel()
    {
        var (user, verification) = world.SignupInProgress();
        world.Clock.Advance(world.Options.CodeLifetime);

        var answer = await world.CheckAsync(verification.Id, "482916");

        Assert.Equal(new VerificationCheckResult("failed", 0), answer);
        Assert.Empty(world.Verify.Checks);
        Assert.Equal((VerificationStatus.Failed, "expired"), (verification.Status, verification.FailureReason));
        Assert.Equal(0, verification.Attempts);
        Assert.Equal(LifecycleStage.Acquired, user.Stage);
    }

    [Fact]
    public async Task Approved_signup_moves_the_user_to_onboarding_and_records_the_verify_sid_and_sms_contact()
    {
        var (user, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(12));
        world.Verify.CheckAnswer = new VerifyCheckResult.Approved();

        var answer = await world.CheckAsync(verification.Id, "482916");

        Assert.Equal(new VerificationCheckResult("approved", 3), answer);
        Assert.Equal(LifecycleStage.Onboarding, user.Stage);
        var transition = user.Transitions.Last();
        Assert.Equal((LifecycleStage.Acquired, LifecycleStage.Onboarding), (transition.From!.Value, transition.To));
        Assert.Equal("verify:approved", transition.Trigger);
        Assert.Equal(verification.Id.ToString(), transition.CorrelationId);
        Assert.Equal("VE0001", user.VerifySid);
        Assert.Equal(Channel.Sms, user.LastContactChannel);
        Assert.Equal(world.Clock.GetUtcNow(), user.LastContactAt);
        Assert.Single(world.UnitOfWork.EventKeys);
        Assert.Contains(FollowUpVerification.Key(verification.Id), world.Timers.Cancelled);
    }

    [Fact]
    public async Task Approved_login_records_the_contact_but_leaves_the_stage_alone()
    {
        var (user, verification) = world.SignupInProgress(VerificationPurpose.Login);
        world.Verify.CheckAnswer = new VerifyCheckResult.Approved();

        var answer = await world.CheckAsync(verification.Id, "482916");

        Assert.Equal("approved", answer.Status);
        Assert.Equal(LifecycleStage.Acquired, user.Stage);
        Assert.Equal("VE0001", user.VerifySid);
    }

    [Fact]
    public async Task The_voice_code_is_checked_against_its_hash_without_exotel_and_approves()
    {
        var (user, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(90));
        var token = OnVoice(verification);

        var answer = await world.CheckAsync(verification.Id, VoiceOtp.CodeOf(token));

        Assert.Equal("approved", answer.Status);
        Assert.Empty(world.Verify.Checks);
        Assert.Equal(VerificationChannel.Voice, verification.ApprovedChannel);
        Assert.Equal(LifecycleStage.Onboarding, user.Stage);
        Assert.Equal(Channel.Voice, user.LastContactChannel);
    }

    [Fact]
    public async Task A_wrong_code_while_only_the_voice_code_is_live_counts_without_asking_exotel()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(90));
        var token = OnVoice(verification);
        var wrong = VoiceOtp.CodeOf(token) == "000000" ? "000001" : "000000";

        var answer = await world.CheckAsync(verification.Id, wrong);

        Assert.Equal(new VerificationCheckResult("pending", 2), answer);
        Assert.Empty(world.Verify.Checks);
    }

    [Fact]
    public async Task Each_wrong_code_uses_exactly_one_attempt_and_a_right_code_still_approves_before_the_limit()
    {
        var (user, verification) = world.SignupInProgress();

        var wrong = await world.CheckAsync(verification.Id, "111111");
        var wrongAgain = await world.CheckAsync(verification.Id, "222222");
        world.Verify.CheckAnswer = new VerifyCheckResult.Approved();
        var right = await world.CheckAsync(verification.Id, "482916");

        Assert.Equal([new("pending", 2), new("pending", 1), new VerificationCheckResult("approved", 1)], new[] { wrong, wrongAgain, right });
        Assert.Equal((3, 2), (verification.Attempts, verification.WrongCodes));
        Assert.Equal(LifecycleStage.Onboarding, user.Stage);
    }

    public static TheoryData<string, string> ProviderEndings => new()
    {
        { nameof(VerifyCheckResult.Expired), "expired" },
        { nameof(VerifyCheckResult.AttemptsExhausted), "too many attempts" },
        { nameof(VerifyCheckResult.Refused), "the provider failed the verification" },
    };

    [Theory]
    [MemberData(nameof(ProviderEndings))]
    public async Task Exotel_ending_its_verification_fails_ours_at_once(string answer, string reason)
    {
        var (user, verification) = world.SignupInProgress();
        world.Verify.CheckAnswer = answer switch
        {
            nameof(VerifyCheckResult.Expired) => new VerifyCheckResult.Expired("OTP has expired"),
            nameof(VerifyCheckResult.AttemptsExhausted) => new VerifyCheckResult.AttemptsExhausted("Max attempts exceeded"),
            _ => new VerifyCheckResult.Refused("1003", "VerificationId already verified."),
        };

        var check = await world.CheckAsync(verification.Id, "482916");

        Assert.Equal(new VerificationCheckResult("failed", 0), check);
        Assert.Equal((VerificationStatus.Failed, reason), (verification.Status, verification.FailureReason));
        Assert.Equal(LifecycleStage.Acquired, user.Stage);
    }

    [Fact]
    public async Task While_a_voice_code_is_live_exotel_ending_its_older_sms_verification_is_only_a_wrong_code()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(20));
        var token = OnVoice(verification);
        verification.RecordSmsSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        world.Verify.CheckAnswer = new VerifyCheckResult.Expired("OTP has expired");
        var wrong = VoiceOtp.CodeOf(token) == "000000" ? "000001" : "000000";

        var answer = await world.CheckAsync(verification.Id, wrong);

        Assert.Equal(new VerificationCheckResult("pending", 2), answer);
        Assert.Single(world.Verify.Checks);
    }

    [Fact]
    public async Task The_verdict_is_recorded_on_the_state_read_again_after_exotel_answered()
    {
        var (_, verification) = world.SignupInProgress();

        await world.CheckAsync(verification.Id, "111111");

        Assert.Equal(1, world.Verifications.Reloads);
    }

    [Fact]
    public async Task An_unknown_verification_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => world.CheckAsync(Guid.NewGuid(), "482916"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("48291a")]
    public void A_missing_or_malformed_otp_is_refused_naming_the_field(string? otp)
    {
        var result = new CheckVerificationValidator().Validate(new CheckVerification(Guid.NewGuid(), otp));

        Assert.False(result.IsValid);
        Assert.All(result.Errors, error => Assert.Equal("Otp", error.PropertyName));
    }

    /// <summary>Moves the verification to its voice rung and issues a voice code; answers the ExoML token.</summary>
    private string OnVoice(Verification verification)
    {
        var now = world.Clock.GetUtcNow();
        var send = verification.RecordVoiceSend(now.AddSeconds(-40), world.Options.CodeLifetime);
        Assert.True(verification.AwaitsVoiceCall(send, now));
        var token = VoiceOtp.NewToken();
        verification.IssueVoiceCode(VoiceOtp.CodeOf(token), VoiceOtp.HashToken(token), now, world.Options.CodeLifetime);
        verification.RecordVoiceCall("CA0001");
        return token;
    }
}
