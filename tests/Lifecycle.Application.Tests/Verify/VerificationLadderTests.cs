using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Tests.Verify;

/// <summary>policies.md "OTP by SMS not approved": resend SMS after 30 s, at most 2 resends, then a voice call.</summary>
public class VerificationLadderTests
{
    private readonly VerifyWorld world = new();

    [Fact]
    public async Task An_unapproved_code_is_resent_by_sms_twice_then_read_out_by_a_voice_call()
    {
        var verification = await StartAsync();

        for (var rung = 0; rung < 3; rung++)
        {
            var (_, dueAt, timer) = world.Timers.Scheduled[^1];
            world.Clock.SetUtcNow(dueAt);
            await FollowUp((FollowUpVerification)timer);
        }

        Assert.Equal(
            [new SendVerificationSms(verification.Id, 1), new SendVerificationSms(verification.Id, 2), new SendVerificationSms(verification.Id, 3)],
            world.Outbox.Of<SendVerificationSms>());
        Assert.Equal(new PlaceVoiceOtpCall(verification.Id, 4), Assert.Single(world.Outbox.Of<PlaceVoiceOtpCall>()));
        Assert.Equal(3, world.Timers.Scheduled.Count);
        Assert.Equal(VerificationChannel.Voice, verification.Channel);
        Assert.Equal(TestUsers.T0.AddSeconds(90 + 60), verification.ExpiresAt);
    }

    [Fact]
    public async Task A_timer_overtaken_by_a_newer_send_does_nothing()
    {
        var verification = await StartAsync();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        verification.RecordSmsSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);

        await FollowUp(new FollowUpVerification(verification.Id, 1));

        Assert.Single(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task An_approved_verification_takes_no_further_rung()
    {
        var verification = await StartAsync();
        verification.RecordCheck(CodeVerdict.Right, VerificationChannel.Sms, world.Options.Limits(), world.Clock.GetUtcNow());
        world.Clock.Advance(TimeSpan.FromSeconds(30));

        await FollowUp(new FollowUpVerification(verification.Id, 1));

        Assert.Single(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task Starting_a_verification_supersedes_the_phones_pending_one_and_never_reuses_it()
    {
        var first = await StartAsync();
        world.Clock.Advance(TimeSpan.FromSeconds(5));

        var second = await StartAsync();

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(VerificationStatus.Failed, first.Status);
        Assert.Equal($"superseded by {second.Id}", first.FailureReason);
        Assert.Contains(FollowUpVerification.Key(first.Id), world.Timers.Cancelled);
        Assert.Equal(VerificationStatus.Pending, second.Status);
    }

    [Fact]
    public async Task A_verification_started_without_a_user_id_belongs_to_the_phones_user()
    {
        var user = TestUsers.InStage(LifecycleStage.Acquired, TestUsers.T0);
        world.Users.Add(user);

        var view = await Start(new StartVerification(user.Phone!.Value, "signup", null));

        Assert.Equal(user.Id, (await world.Verifications.FindAsync(view.VerificationId, CancellationToken.None))!.UserId);
        Assert.Equal(("pending", "sms", "signup"), (view.Status, view.Channel, view.Purpose));
    }

    [Fact]
    public async Task A_verification_for_an_unknown_user_id_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Start(new StartVerification(VerifyWorld.Phone.Value, "login", Guid.NewGuid())));
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Theory]
    [InlineData("9876543210", "signup", "Phone")]
    [InlineData("+919876543210", "payment", "Purpose")]
    [InlineData("+919876543210", null, "Purpose")]
    public void A_bad_phone_or_purpose_is_refused_naming_the_field(string phone, string? purpose, string field)
    {
        var result = new StartVerificationValidator().Validate(new StartVerification(phone, purpose, null));

        Assert.Equal(field, Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public async Task A_newer_sms_send_is_started_with_exotel_and_an_overtaken_one_is_not()
    {
        var verification = await StartAsync();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        verification.RecordSmsSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        var handler = new SendVerificationSmsHandler(world.Verifications, world.Verify, world.Clock);

        await handler.Handle(new SendVerificationSms(verification.Id, 1), CancellationToken.None);
        await handler.Handle(new SendVerificationSms(verification.Id, 2), CancellationToken.None);
        await handler.Handle(new SendVerificationSms(verification.Id, 2), CancellationToken.None);

        Assert.Single(world.Verify.Starts);
        Assert.Equal(("VE0001", 2), (verification.ProviderSid, verification.SmsSendsStarted));
    }

    private async Task<Verification> StartAsync()
    {
        var view = await Start(new StartVerification(VerifyWorld.Phone.Value, "signup", null));
        return (await world.Verifications.FindAsync(view.VerificationId, CancellationToken.None))!;
    }

    private Task<VerificationView> Start(StartVerification command) =>
        new StartVerificationHandler(world.Users, world.Sending, world.VerifyOptions, world.Clock).Handle(command, CancellationToken.None).AsTask();

    private Task FollowUp(FollowUpVerification timer) =>
        new FollowUpVerificationHandler(world.Verifications, world.Sending, world.VerifyOptions, world.Clock).Handle(timer, CancellationToken.None).AsTask();
}
