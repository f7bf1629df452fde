using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;

namespace Lifecycle.Domain.Tests;

public class VerificationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private static readonly VerificationLimits Limits = new(MaxWrongCodes: 3, MaxAttempts: 10);

    [Fact]
    public void A_new_verification_is_pending_on_sms_with_one_send_and_expires_after_the_code_lifetime()
    {
        var verification = Started();

        Assert.Equal(VerificationStatus.Pending, verification.Status);
        Assert.Equal(VerificationChannel.Sms, verification.Channel);
        Assert.Equal((1, 1, 0), (verification.Sends, verification.SmsSends, verification.SmsResends));
        Assert.Equal(T0 + Lifetime, verification.ExpiresAt);
        Assert.Equal(3, verification.AttemptsLeft(T0, Limits));
    }

    [Fact]
    public void Three_wrong_codes_fail_the_verification_and_leave_no_attempts()
    {
        var verification = Started();

        verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, Limits, T0.AddSeconds(5));
        Assert.Equal((VerificationStatus.Pending, 2), (verification.Status, verification.AttemptsLeft(T0.AddSeconds(5), Limits)));
        verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, Limits, T0.AddSeconds(6));
        Assert.Equal(1, verification.AttemptsLeft(T0.AddSeconds(6), Limits));
        verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, Limits, T0.AddSeconds(7));

        Assert.Equal(VerificationStatus.Failed, verification.Status);
        Assert.Equal("too many wrong codes", verification.FailureReason);
        Assert.Equal(0, verification.AttemptsLeft(T0.AddSeconds(7), Limits));
        Assert.False(verification.TakesChecks(T0.AddSeconds(8), Limits));
    }

    [Fact]
    public void A_wrong_code_uses_one_attempt_and_leaves_the_verification_open_for_the_right_one()
    {
        var verification = Started();

        verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, Limits, T0.AddSeconds(5));
        verification.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, Limits, T0.AddSeconds(9));

        Assert.Equal((VerificationStatus.Approved, 2, 1), (verification.Status, verification.Attempts, verification.WrongCodes));
    }

    [Theory]
    [InlineData(CodeVerdict.Expired, "expired")]
    [InlineData(CodeVerdict.AttemptsExhausted, "too many attempts")]
    [InlineData(CodeVerdict.ProviderFailed, "the provider failed the verification")]
    public void The_provider_ending_its_code_fails_the_verification_at_once_without_counting_a_wrong_code(CodeVerdict verdict, string reason)
    {
        var verification = Started();

        verification.RecordCheck(verdict, VerificationChannel.Sms, Limits, T0.AddSeconds(5));

        Assert.Equal((VerificationStatus.Failed, reason), (verification.Status, verification.FailureReason));
        Assert.Equal((1, 0), (verification.Attempts, verification.WrongCodes));
        Assert.Equal(0, verification.AttemptsLeft(T0.AddSeconds(5), Limits));
    }

    [Fact]
    public void The_attempts_limit_fails_the_verification_even_below_the_wrong_code_limit()
    {
        var verification = Started();
        var lenient = new VerificationLimits(MaxWrongCodes: 50, MaxAttempts: 10);

        for (var i = 0; i < 10; i++)
        {
            verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, lenient, T0.AddSeconds(1));
        }

        Assert.Equal(VerificationStatus.Failed, verification.Status);
        Assert.Equal("too many attempts", verification.FailureReason);
        Assert.Equal(10, verification.Attempts);
        Assert.Throws<VerificationClosed>(() => verification.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, lenient, T0.AddSeconds(2)));
    }

    [Fact]
    public void The_right_code_approves_and_records_the_channel_that_carried_it()
    {
        var verification = Started();

        verification.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, Limits, T0.AddSeconds(10));

        Assert.Equal(VerificationStatus.Approved, verification.Status);
        Assert.Equal(T0.AddSeconds(10), verification.ApprovedAt);
        Assert.Equal(VerificationChannel.Sms, verification.ApprovedChannel);
        Assert.Equal(1, verification.Attempts);
    }

    [Fact]
    public void A_pending_verification_past_its_expiry_reads_as_failed_and_is_closed_by_the_next_check()
    {
        var verification = Started();
        var late = T0 + Lifetime;

        Assert.Equal(VerificationStatus.Failed, verification.StatusAt(late));
        Assert.Equal(0, verification.AttemptsLeft(late, Limits));
        Assert.False(verification.TakesChecks(late, Limits));
        Assert.Equal(VerificationStatus.Failed, verification.Status);
        Assert.Equal("expired", verification.FailureReason);
        Assert.Equal(0, verification.Attempts);
    }

    [Fact]
    public void Every_send_issues_a_fresh_code_and_renews_the_expiry()
    {
        var verification = Started();

        var smsSend = verification.RecordSmsSend(T0.AddSeconds(30), Lifetime);
        Assert.Equal(2, smsSend);
        Assert.Equal(T0.AddSeconds(90), verification.ExpiresAt);
        Assert.Equal(T0.AddSeconds(90), verification.SmsCodeExpiresAt);

        var voiceSend = verification.RecordVoiceSend(T0.AddSeconds(60), Lifetime);
        Assert.Equal(3, voiceSend);
        Assert.Equal(VerificationChannel.Voice, verification.Channel);
        Assert.Equal(T0.AddSeconds(120), verification.ExpiresAt);
        Assert.Equal((3, 2, 1), (verification.Sends, verification.SmsSends, verification.SmsResends));
    }

    [Fact]
    public void A_resend_waits_for_the_cooldown_since_the_latest_send()
    {
        var verification = Started();
        var cooldown = TimeSpan.FromSeconds(30);

        Assert.Equal(TimeSpan.FromSeconds(18), verification.ResendWait(T0.AddSeconds(12), cooldown));
        Assert.Equal(TimeSpan.Zero, verification.ResendWait(T0.AddSeconds(30), cooldown));
        verification.RecordSmsSend(T0.AddSeconds(30), Lifetime);
        Assert.Equal(TimeSpan.FromSeconds(29), verification.ResendWait(T0.AddSeconds(31), cooldown));
    }

    [Fact]
    public void A_closed_verification_takes_no_more_sends()
    {
        var approved = Started();
        approved.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, Limits, T0.AddSeconds(1));
        var expired = Started();

        Assert.Throws<VerificationClosed>(() => approved.RecordSmsSend(T0.AddSeconds(40), Lifetime));
        Assert.Throws<VerificationClosed>(() => expired.RecordVoiceSend(T0 + Lifetime, Lifetime));
    }

    [Fact]
    public void The_voice_code_is_stored_only_as_a_salted_hash_and_matches_while_live()
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);
        var token = VoiceOtp.NewToken();
        var code = VoiceOtp.CodeOf(token);

        verification.IssueVoiceCode(code, VoiceOtp.HashToken(token), T0.AddSeconds(31), Lifetime);

        Assert.Matches("^[0-9a-f]{64}$", verification.VoiceCodeHash);
        Assert.Matches("^[0-9a-f]{32}$", verification.VoiceCodeSalt);
        Assert.DoesNotContain(code, verification.VoiceCodeHash!);
        Assert.NotEqual(token, verification.VoiceTokenHash);
        Assert.True(verification.MatchesVoiceCode(code, T0.AddSeconds(40)));
        Assert.False(verification.MatchesVoiceCode(code == "000000" ? "000001" : "000000", T0.AddSeconds(40)));
        Assert.False(verification.MatchesVoiceCode(code, T0.AddSeconds(91)));
        Assert.Equal(T0.AddSeconds(91), verification.ExpiresAt);
    }

    [Fact]
    public void The_same_voice_code_hashes_differently_in_two_verifications()
    {
        var first = Started();
        var second = Started();
        foreach (var verification in new[] { first, second })
        {
            verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);
            verification.IssueVoiceCode("482916", VoiceOtp.HashToken(VoiceOtp.NewToken()), T0.AddSeconds(30), Lifetime);
        }

        Assert.NotEqual(first.VoiceCodeSalt, second.VoiceCodeSalt);
        Assert.NotEqual(first.VoiceCodeHash, second.VoiceCodeHash);
    }

    [Fact]
    public void Only_the_current_voice_token_can_be_spent_and_only_while_its_code_is_live()
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);
        var token = VoiceOtp.NewToken();
        verification.IssueVoiceCode(VoiceOtp.CodeOf(token), VoiceOtp.HashToken(token), T0.AddSeconds(30), Lifetime);

        Assert.True(verification.CanUseVoiceToken(VoiceOtp.HashToken(token), T0.AddSeconds(31)));
        Assert.False(verification.CanUseVoiceToken(VoiceOtp.HashToken("someone-else's"), T0.AddSeconds(31)));
        Assert.False(verification.CanUseVoiceToken(VoiceOtp.HashToken(token), T0.AddSeconds(90)));

        var newer = VoiceOtp.NewToken();
        verification.IssueVoiceCode(VoiceOtp.CodeOf(newer), VoiceOtp.HashToken(newer), T0.AddSeconds(40), Lifetime);
        Assert.False(verification.CanUseVoiceToken(VoiceOtp.HashToken(token), T0.AddSeconds(41)));
        Assert.True(verification.CanUseVoiceToken(VoiceOtp.HashToken(newer), T0.AddSeconds(41)));
    }

    [Fact]
    public void An_unanswered_voice_call_fails_the_verification_but_only_for_the_current_call()
    {
        var verification = OnVoiceCall("CA1");

        verification.ApplyVoiceCallOutcome("CA0-older", answered: false);
        Assert.Equal(VerificationStatus.Pending, verification.Status);
        verification.ApplyVoiceCallOutcome("CA1", answered: true);
        Assert.Equal(VerificationStatus.Pending, verification.Status);
        verification.ApplyVoiceCallOutcome("CA1", answered: false);

        Assert.Equal(VerificationStatus.Failed, verification.Status);
        Assert.Equal("voice call not answered", verification.FailureReason);
    }

    [Fact]
    public void An_sms_resend_after_the_voice_call_keeps_an_unanswered_call_from_failing_the_verification()
    {
        var verification = OnVoiceCall("CA1");
        verification.RecordSmsSend(T0.AddSeconds(70), Lifetime);

        verification.ApplyVoiceCallOutcome("CA1", answered: false);

        Assert.Equal(VerificationStatus.Pending, verification.Status);
    }

    [Fact]
    public void A_newer_verification_supersedes_a_pending_one_but_not_an_approved_one()
    {
        var pending = Started();
        var approved = Started();
        approved.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, Limits, T0.AddSeconds(1));
        var newer = Guid.NewGuid();

        pending.Supersede(newer);
        approved.Supersede(newer);

        Assert.Equal(VerificationStatus.Failed, pending.Status);
        Assert.Equal($"superseded by {newer}", pending.FailureReason);
        Assert.Equal(VerificationStatus.Approved, approved.Status);
    }

    [Fact]
    public void Only_the_newest_sms_send_not_yet_started_awaits_its_exotel_start()
    {
        var verification = Started();
        Assert.True(verification.AwaitsSmsStart(1, T0));

        verification.RecordSmsSend(T0.AddSeconds(30), Lifetime);
        Assert.False(verification.AwaitsSmsStart(1, T0.AddSeconds(31)));
        Assert.True(verification.AwaitsSmsStart(2, T0.AddSeconds(31)));

        verification.RecordProviderSid("VE2", 2);
        Assert.False(verification.AwaitsSmsStart(2, T0.AddSeconds(32)));
        verification.RecordProviderSid("VE1-late", 1);
        Assert.Equal("VE2", verification.ProviderSid);
    }

    [Fact]
    public void The_voice_code_is_derived_from_its_token_as_six_digits()
    {
        var token = VoiceOtp.NewToken();

        Assert.Matches("^[0-9]{6}$", VoiceOtp.CodeOf(token));
        Assert.Equal(VoiceOtp.CodeOf(token), VoiceOtp.CodeOf(token));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal("Your code is 4 8 2 9 1 6. Again, your code is 4 8 2 9 1 6.", VoiceOtp.Script("482916"));
    }

    private static Verification Started() =>
        Verification.Start(new UserId(Guid.NewGuid()), E164Phone.Parse("+919876543210"), VerificationPurpose.Signup, Lifetime, T0);

    private static Verification OnVoiceCall(string callSid)
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(50), Lifetime);
        verification.IssueVoiceCode("123456", VoiceOtp.HashToken(VoiceOtp.NewToken()), T0.AddSeconds(50), Lifetime);
        verification.RecordVoiceCall(callSid);
        return verification;
    }
}
