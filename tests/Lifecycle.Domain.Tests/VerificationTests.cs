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

    [Fact]
    public void Attempts_left_are_bounded_by_the_attempts_limit_when_it_is_the_tighter_one()
    {
        var verification = Started();
        var lenient = new VerificationLimits(MaxWrongCodes: 50, MaxAttempts: 10);

        for (var i = 0; i < 8; i++)
        {
            verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, lenient, T0.AddSeconds(1));
        }

        Assert.Equal(2, verification.AttemptsLeft(T0.AddSeconds(2), lenient));
    }

    [Fact]
    public void A_lowered_attempts_limit_closes_a_verification_that_has_used_that_many_attempts()
    {
        var verification = Started();
        verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, Limits, T0.AddSeconds(1));
        verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, Limits, T0.AddSeconds(2));
        var lowered = new VerificationLimits(MaxWrongCodes: 3, MaxAttempts: 2);

        Assert.False(verification.TakesChecks(T0.AddSeconds(3), lowered));

        Assert.Equal((VerificationStatus.Failed, "too many attempts"), (verification.Status, verification.FailureReason));
        Assert.Throws<VerificationClosed>(() => verification.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, Limits, T0.AddSeconds(4)));
    }

    [Fact]
    public void A_verification_with_checks_left_and_a_live_code_takes_a_check()
    {
        var verification = Started();
        verification.RecordCheck(CodeVerdict.Wrong, VerificationChannel.Sms, Limits, T0.AddSeconds(1));

        Assert.True(verification.TakesChecks(T0.AddSeconds(59), Limits));
        Assert.Equal(VerificationStatus.Pending, verification.Status);
    }

    [Fact]
    public void Once_the_cooldown_has_passed_a_resend_waits_no_longer()
    {
        var verification = Started();
        var cooldown = TimeSpan.FromSeconds(30);

        Assert.Equal(TimeSpan.Zero, verification.ResendWait(T0.AddSeconds(45), cooldown));
        Assert.Equal(TimeSpan.Zero, verification.ResendWait(T0.AddMinutes(10), cooldown));
    }

    [Fact]
    public void The_first_sms_code_can_be_checked_through_its_sid_for_the_code_lifetime()
    {
        var verification = Started();
        Assert.False(verification.HasLiveSmsCode(T0.AddSeconds(1)));

        verification.RecordProviderSid("VE1", 1);

        Assert.True(verification.HasLiveSmsCode(T0.AddSeconds(1)));
        Assert.True(verification.HasLiveSmsCode(T0.AddSeconds(59)));
        Assert.False(verification.HasLiveSmsCode(T0 + Lifetime));
        Assert.Equal(T0 + Lifetime, verification.SmsCodeExpiresAt);
    }

    [Fact]
    public void An_sms_resend_renews_the_sms_code_that_the_sid_checks()
    {
        var verification = Started();
        verification.RecordProviderSid("VE1", 1);

        verification.RecordSmsSend(T0.AddSeconds(30), Lifetime);
        verification.RecordProviderSid("VE2", 2);

        Assert.Equal("VE2", verification.ProviderSid);
        Assert.True(verification.HasLiveSmsCode(T0.AddSeconds(89)));
        Assert.False(verification.HasLiveSmsCode(T0.AddSeconds(90)));
    }

    [Fact]
    public void A_voice_send_keeps_the_last_sms_code_to_its_own_expiry()
    {
        var verification = Started();
        verification.RecordProviderSid("VE1", 1);

        verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);

        Assert.True(verification.HasLiveSmsCode(T0.AddSeconds(59)));
        Assert.False(verification.HasLiveSmsCode(T0.AddSeconds(60)));
        Assert.Equal(T0.AddSeconds(90), verification.ExpiresAt);
    }

    [Fact]
    public void An_empty_provider_sid_is_refused()
    {
        var verification = Started();

        Assert.ThrowsAny<ArgumentException>(() => verification.RecordProviderSid("", 1));
        Assert.Null(verification.ProviderSid);
        Assert.True(verification.AwaitsSmsStart(1, T0.AddSeconds(1)));
    }

    [Fact]
    public void Only_the_newest_voice_send_without_a_call_awaits_its_call()
    {
        var verification = Started();
        Assert.False(verification.AwaitsVoiceCall(1, T0.AddSeconds(1)));

        var send = verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);
        Assert.True(verification.AwaitsVoiceCall(send, T0.AddSeconds(31)));
        Assert.False(verification.AwaitsVoiceCall(send - 1, T0.AddSeconds(31)));

        verification.IssueVoiceCode("123456", VoiceOtp.HashToken(VoiceOtp.NewToken()), T0.AddSeconds(31), Lifetime);
        Assert.True(verification.AwaitsVoiceCall(send, T0.AddSeconds(32)));

        verification.RecordVoiceCall("CA1");
        Assert.False(verification.AwaitsVoiceCall(send, T0.AddSeconds(33)));
    }

    [Fact]
    public void A_voice_send_overtaken_by_an_sms_resend_no_longer_awaits_its_call()
    {
        var verification = Started();
        var voiceSend = verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);

        var smsSend = verification.RecordSmsSend(T0.AddSeconds(40), Lifetime);

        Assert.False(verification.AwaitsVoiceCall(voiceSend, T0.AddSeconds(41)));
        Assert.False(verification.AwaitsVoiceCall(verification.Sends, T0.AddSeconds(41)));
        Assert.True(verification.AwaitsSmsStart(smsSend, T0.AddSeconds(41)));
    }

    [Fact]
    public void A_closed_verification_awaits_no_voice_call()
    {
        var verification = Started();
        var send = verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);

        verification.Supersede(Guid.NewGuid());

        Assert.False(verification.AwaitsVoiceCall(send, T0.AddSeconds(31)));
        Assert.False(verification.AwaitsVoiceCall(send, T0.AddSeconds(90)));
    }

    [Fact]
    public void A_voice_code_is_being_placed_from_its_issue_until_exotel_names_the_call()
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);
        Assert.False(verification.VoiceCallBeingPlaced(T0.AddSeconds(30)));

        verification.IssueVoiceCode("123456", VoiceOtp.HashToken(VoiceOtp.NewToken()), T0.AddSeconds(31), Lifetime);
        Assert.True(verification.VoiceCallBeingPlaced(T0.AddSeconds(32)));

        verification.RecordVoiceCall("CA1");
        Assert.False(verification.VoiceCallBeingPlaced(T0.AddSeconds(33)));
    }

    [Fact]
    public void No_voice_call_is_being_placed_on_a_closed_verification_or_after_an_sms_resend()
    {
        var superseded = Started();
        superseded.RecordVoiceSend(T0.AddSeconds(30), Lifetime);
        superseded.IssueVoiceCode("123456", VoiceOtp.HashToken(VoiceOtp.NewToken()), T0.AddSeconds(30), Lifetime);
        superseded.Supersede(Guid.NewGuid());
        var resent = Started();
        resent.RecordVoiceSend(T0.AddSeconds(30), Lifetime);
        resent.IssueVoiceCode("123456", VoiceOtp.HashToken(VoiceOtp.NewToken()), T0.AddSeconds(30), Lifetime);
        resent.RecordSmsSend(T0.AddSeconds(40), Lifetime);

        Assert.False(superseded.VoiceCallBeingPlaced(T0.AddSeconds(31)));
        Assert.False(resent.VoiceCallBeingPlaced(T0.AddSeconds(41)));
    }

    [Fact]
    public void A_second_voice_send_is_not_a_call_being_placed_once_the_previous_voice_code_has_expired()
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(10), Lifetime);
        verification.IssueVoiceCode("123456", VoiceOtp.HashToken(VoiceOtp.NewToken()), T0.AddSeconds(10), Lifetime);
        verification.RecordVoiceCall("CA1");

        verification.RecordVoiceSend(T0.AddSeconds(50), Lifetime);

        Assert.False(verification.VoiceCallBeingPlaced(T0.AddSeconds(70)));
        Assert.False(verification.VoiceCallBeingPlaced(T0.AddSeconds(80)));
        Assert.True(verification.IsOpen(T0.AddSeconds(80)));
    }

    [Fact]
    public void A_voice_token_cannot_be_spent_once_the_verification_is_closed()
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);
        var token = VoiceOtp.NewToken();
        verification.IssueVoiceCode(VoiceOtp.CodeOf(token), VoiceOtp.HashToken(token), T0.AddSeconds(30), Lifetime);

        verification.Supersede(Guid.NewGuid());

        Assert.False(verification.CanUseVoiceToken(VoiceOtp.HashToken(token), T0.AddSeconds(31)));
    }

    [Fact]
    public void A_voice_token_cannot_be_spent_after_its_code_expired_even_while_an_sms_resend_keeps_the_verification_open()
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(10), Lifetime);
        var token = VoiceOtp.NewToken();
        verification.IssueVoiceCode(VoiceOtp.CodeOf(token), VoiceOtp.HashToken(token), T0.AddSeconds(10), Lifetime);
        verification.RecordSmsSend(T0.AddSeconds(50), Lifetime);

        Assert.True(verification.CanUseVoiceToken(VoiceOtp.HashToken(token), T0.AddSeconds(69)));
        Assert.False(verification.CanUseVoiceToken(VoiceOtp.HashToken(token), T0.AddSeconds(70)));
        Assert.False(verification.MatchesVoiceCode(VoiceOtp.CodeOf(token), T0.AddSeconds(70)));
        Assert.True(verification.IsOpen(T0.AddSeconds(70)));
    }

    [Fact]
    public void No_voice_token_can_be_spent_before_a_voice_code_is_issued()
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);

        Assert.False(verification.CanUseVoiceToken(VoiceOtp.HashToken("any"), T0.AddSeconds(31)));
        Assert.False(verification.MatchesVoiceCode("123456", T0.AddSeconds(31)));
    }

    [Fact]
    public void The_voice_code_matches_as_typed_with_surrounding_spaces()
    {
        var verification = OnVoiceCall("CA1");

        Assert.True(verification.MatchesVoiceCode(" 123456 ", T0.AddSeconds(51)));
    }

    [Fact]
    public void A_verification_keeps_one_salt_for_all_its_voice_codes()
    {
        var verification = OnVoiceCall("CA1");
        var salt = verification.VoiceCodeSalt;

        verification.RecordVoiceSend(T0.AddSeconds(80), Lifetime);
        verification.IssueVoiceCode("654321", VoiceOtp.HashToken(VoiceOtp.NewToken()), T0.AddSeconds(80), Lifetime);

        Assert.Equal(salt, verification.VoiceCodeSalt);
        Assert.Equal(VoiceOtp.HashCode(salt!, "654321"), verification.VoiceCodeHash);
        Assert.False(verification.MatchesVoiceCode("123456", T0.AddSeconds(81)));
        Assert.True(verification.MatchesVoiceCode("654321", T0.AddSeconds(81)));
    }

    [Fact]
    public void A_voice_code_needs_a_code_and_a_token_hash()
    {
        var verification = Started();
        verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);

        Assert.ThrowsAny<ArgumentException>(() => verification.IssueVoiceCode("", VoiceOtp.HashToken("t"), T0.AddSeconds(30), Lifetime));
        Assert.ThrowsAny<ArgumentException>(() => verification.IssueVoiceCode("123456", "", T0.AddSeconds(30), Lifetime));
        Assert.Null(verification.VoiceCodeHash);
        Assert.Null(verification.VoiceTokenHash);
        Assert.Equal(T0.AddSeconds(90), verification.ExpiresAt);
    }

    [Fact]
    public void A_voice_call_needs_exotel_s_call_sid()
    {
        var verification = Started();
        var send = verification.RecordVoiceSend(T0.AddSeconds(30), Lifetime);

        Assert.ThrowsAny<ArgumentException>(() => verification.RecordVoiceCall(""));
        Assert.Null(verification.VoiceCallSid);
        Assert.True(verification.AwaitsVoiceCall(send, T0.AddSeconds(31)));
    }

    [Fact]
    public void A_long_failure_reason_is_cut_to_the_256_characters_kept()
    {
        var verification = Started();
        var reason = "voice call refused: 400: " + new string('x', 300);

        verification.Fail(reason);

        Assert.Equal(reason[..256], verification.FailureReason);
    }

    [Fact]
    public void A_failure_reason_of_256_characters_or_fewer_is_kept_whole()
    {
        var shortReason = Started();
        var fullReason = Started();
        var full = new string('y', 256);

        shortReason.Fail("401: unauthorised");
        fullReason.Fail(full);

        Assert.Equal("401: unauthorised", shortReason.FailureReason);
        Assert.Equal(full, fullReason.FailureReason);
    }

    [Fact]
    public void A_closed_verification_refuses_with_its_status_and_asks_for_a_new_one()
    {
        var approved = Started();
        approved.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, Limits, T0.AddSeconds(1));
        var expired = Started();

        var approvedRefusal = Assert.Throws<VerificationClosed>(() => approved.RecordSmsSend(T0.AddSeconds(40), Lifetime));
        var expiredRefusal = Assert.Throws<VerificationClosed>(
            () => expired.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, Limits, T0 + Lifetime));

        Assert.Equal($"Verification '{approved.Id}' is approved; start a new verification.", approvedRefusal.Message);
        Assert.Equal($"Verification '{expired.Id}' is failed; start a new verification.", expiredRefusal.Message);
    }

    [Theory]
    [InlineData(VerificationPurpose.Signup, "signup")]
    [InlineData(VerificationPurpose.Login, "login")]
    [InlineData(VerificationPurpose.SensitiveAction, "sensitive_action")]
    public void Verification_purposes_have_their_wire_names(VerificationPurpose purpose, string name)
    {
        Assert.Equal(name, VerificationNames.Purposes.Name(purpose));
        Assert.Equal(purpose, VerificationNames.Purposes.Parse(name));
    }

    [Theory]
    [InlineData(VerificationStatus.Pending, "pending")]
    [InlineData(VerificationStatus.Approved, "approved")]
    [InlineData(VerificationStatus.Failed, "failed")]
    public void Verification_statuses_have_their_wire_names(VerificationStatus status, string name)
    {
        Assert.Equal(name, VerificationNames.Statuses.Name(status));
        Assert.Equal(status, VerificationNames.Statuses.Parse(name));
    }

    [Theory]
    [InlineData(VerificationChannel.Sms, "sms")]
    [InlineData(VerificationChannel.Voice, "voice")]
    public void Verification_channels_have_their_wire_names(VerificationChannel channel, string name)
    {
        Assert.Equal(name, VerificationNames.Channels.Name(channel));
        Assert.Equal(channel, VerificationNames.Channels.Parse(name));
    }

    [Fact]
    public void The_voice_code_follows_from_its_token_by_the_documented_derivation()
    {
        // SHA-256("voice-otp-code:" + token), first 8 bytes big-endian, mod 10^6 (computed independently).
        Assert.Equal("658359", VoiceOtp.CodeOf("test-token-1"));
        Assert.Equal("096105", VoiceOtp.CodeOf("token-7"));
    }

    [Fact]
    public void The_voice_code_cannot_be_read_off_the_stored_token_hash()
    {
        const string token = "test-token-1";
        var storedHash = VoiceOtp.HashToken(token);
        var fromHash = (Convert.ToUInt64(storedHash[..16], 16) % 1_000_000).ToString("D6");

        Assert.Equal("2ef1ad06c1ae800b179cb0f21f25c8e98e17a7f7782d918d348008340804bc99", storedHash);
        Assert.NotEqual(fromHash, VoiceOtp.CodeOf(token));
    }

    [Fact]
    public void A_code_below_100000_is_read_with_its_leading_zero()
    {
        var code = VoiceOtp.CodeOf("token-7");

        Assert.Equal(VoiceOtp.Digits, code.Length);
        Assert.StartsWith("0", code);
    }

    [Fact]
    public void A_voice_code_needs_a_token()
    {
        Assert.ThrowsAny<ArgumentException>(() => VoiceOtp.CodeOf(""));
        Assert.ThrowsAny<ArgumentException>(() => VoiceOtp.CodeOf(null!));
    }

    [Fact]
    public void The_voice_code_hash_is_sha256_of_the_salt_bytes_then_the_code()
    {
        Assert.Equal(
            "5ddcb2304282a1d851ca66b712d05d8811e9b62c6318ca72e277b01252091468",
            VoiceOtp.HashCode("00112233445566778899aabbccddeeff", "482916"));
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
