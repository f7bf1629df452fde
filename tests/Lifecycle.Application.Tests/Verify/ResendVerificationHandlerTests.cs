using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Tests.Verify;

public class ResendVerificationHandlerTests
{
    private readonly VerifyWorld world = new();

    [Fact]
    public async Task A_resend_inside_the_cooldown_is_refused_with_the_seconds_left_and_changes_nothing()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(12.5));

        var refused = await Assert.ThrowsAsync<TooSoonException>(() => Resend(verification, "sms"));

        Assert.Equal(TimeSpan.FromSeconds(17.5), refused.RetryAfter);
        Assert.Equal(18, refused.RetryAfterSeconds);
        Assert.Equal((1, 1), (verification.Sends, verification.SmsSends));
        Assert.Empty(world.Outbox.Enqueued);
        Assert.Empty(world.Timers.Scheduled);
    }

    [Fact]
    public async Task An_sms_resend_after_the_cooldown_queues_a_new_exotel_start_and_renews_the_expiry()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(30));

        var view = await Resend(verification, "sms");

        Assert.Equal(new SendVerificationSms(verification.Id, 2), Assert.Single(world.Outbox.Enqueued).Message);
        Assert.Equal(world.Clock.GetUtcNow() + world.Options.CodeLifetime, view.ExpiresAt);
        Assert.Equal(("pending", "sms"), (view.Status, view.Channel));
        var (key, dueAt, command) = Assert.Single(world.Timers.Scheduled);
        Assert.Equal(FollowUpVerification.Key(verification.Id), key);
        Assert.Equal(world.Clock.GetUtcNow() + world.Options.ResendAfter, dueAt);
        Assert.Equal(new FollowUpVerification(verification.Id, 2), command);
    }

    [Fact]
    public async Task A_voice_resend_queues_the_voice_call_and_ends_the_automatic_ladder()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(45));

        var view = await Resend(verification, "voice");

        Assert.Equal(new PlaceVoiceOtpCall(verification.Id, 2), Assert.Single(world.Outbox.Enqueued).Message);
        Assert.Equal("voice", view.Channel);
        Assert.Empty(world.Timers.Scheduled);
        Assert.Contains(FollowUpVerification.Key(verification.Id), world.Timers.Cancelled);
    }

    [Fact]
    public async Task A_closed_verification_cannot_be_resent()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(world.Options.CodeLifetime);

        await Assert.ThrowsAsync<VerificationClosed>(() => Resend(verification, "sms"));
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("whatsapp")]
    public void Only_sms_and_voice_are_resend_channels(string? channel)
    {
        var result = new ResendVerificationValidator().Validate(new ResendVerification(Guid.NewGuid(), channel));

        Assert.Equal("Channel", Assert.Single(result.Errors).PropertyName);
    }

    private Task<VerificationView> Resend(Verification verification, string channel) =>
        new ResendVerificationHandler(world.Verifications, world.Sending, world.VerifyOptions, world.Clock)
            .Handle(new ResendVerification(verification.Id, channel), CancellationToken.None).AsTask();
}
