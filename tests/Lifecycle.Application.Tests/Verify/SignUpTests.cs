using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Verify;

/// <summary>
/// api.md <c>POST /api/signups</c> → ACQUIRED and an SMS OTP; the SMS start at Exotel; approved → ONBOARDING and the
/// onboarding_welcome WhatsApp (guide §4.1); <c>PUT /api/users/{id}/preferences</c>.
/// </summary>
public class SignUpTests
{
    private readonly VerifyWorld world = new();

    [Fact]
    public async Task A_new_phone_signs_up_as_an_acquired_user_with_an_sms_verification()
    {
        var result = await SignUp("+919876543210", "Priya");

        var user = await world.Users.FindAsync(new UserId(result.UserId), CancellationToken.None);
        Assert.NotNull(user);
        Assert.Equal(("+919876543210", "Priya", LifecycleStage.Acquired), (user.Phone!.Value, user.Name, user.Stage));
        Assert.Equal("ACQUIRED", result.Stage);
        var verification = await world.Verifications.FindAsync(result.VerificationId, CancellationToken.None);
        Assert.Equal((user.Id, VerificationPurpose.Signup), (verification!.UserId, verification.Purpose));
        Assert.Equal(new SendVerificationSms(result.VerificationId, 1), Assert.Single(world.Outbox.Enqueued).Message);
    }

    [Fact]
    public async Task A_phone_that_signed_up_but_never_verified_starts_a_fresh_verification_for_the_same_user()
    {
        var first = await SignUp("+919876543210", "Priya");

        var again = await SignUp("+919876543210", null);

        Assert.Equal(first.UserId, again.UserId);
        Assert.NotEqual(first.VerificationId, again.VerificationId);
        Assert.Equal("Priya", (await world.Users.FindAsync(new UserId(first.UserId), CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task A_verified_phone_is_refused()
    {
        var first = await SignUp("+919876543210", "Priya");
        var user = await world.Users.FindAsync(new UserId(first.UserId), CancellationToken.None);
        user!.TransitionTo(LifecycleStage.Onboarding, "verify:approved", null, world.Clock.GetUtcNow());

        var refused = await Assert.ThrowsAsync<AlreadySignedUp>(() => SignUp("+919876543210", "Priya"));

        Assert.Equal("This phone number already belongs to a verified user.", refused.Message);
        Assert.Single(world.Outbox.Enqueued);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("9876543210")]
    public void A_phone_that_is_not_e164_is_refused_naming_the_field(string? phone)
    {
        var error = Assert.Single(new SignUpValidator().Validate(new SignUp(phone, "Priya")).Errors);

        Assert.Equal(("Phone", "phone must be E.164: '+', a country code and the number, e.g. +919876543210."), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void A_name_over_200_characters_is_refused()
    {
        Assert.Equal("Name", Assert.Single(new SignUpValidator().Validate(new SignUp("+919876543210", new string('a', 201))).Errors).PropertyName);
        Assert.True(new SignUpValidator().Validate(new SignUp("+919876543210", new string('a', 200))).IsValid);
    }

    [Fact]
    public async Task The_sms_start_records_exotels_sid_for_the_send_it_belongs_to()
    {
        var (_, verification) = world.SignupInProgress();
        var smsSend = verification.RecordSmsSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);

        await StartSms(new SendVerificationSms(verification.Id, smsSend));

        Assert.Equal(["+919876543210"], world.Verify.Starts);
        Assert.Equal(("VE0001", smsSend), (verification.ProviderSid, verification.SmsSendsStarted));
    }

    [Fact]
    public async Task A_refused_sms_start_fails_the_verification_with_exotels_code_and_reason()
    {
        var (_, verification) = world.SignupInProgress();
        var smsSend = verification.RecordSmsSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        world.Verify.StartRefusal = new VerifyStartResult.Refused("1001", "Invalid phone number");

        await StartSms(new SendVerificationSms(verification.Id, smsSend));

        Assert.Equal((VerificationStatus.Failed, "1001: Invalid phone number"), (verification.Status, verification.FailureReason));
    }

    [Fact]
    public async Task An_sms_start_overtaken_by_a_newer_send_is_not_sent()
    {
        var (_, verification) = world.SignupInProgress();
        verification.RecordSmsSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);

        await StartSms(new SendVerificationSms(verification.Id, 1));

        Assert.Empty(world.Verify.Starts);
    }

    [Fact]
    public async Task An_sms_start_of_an_unknown_verification_is_a_404_naming_the_verification()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => StartSms(new SendVerificationSms(Guid.NewGuid())));

        Assert.Equal("Verification", error.Resource);
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", new SendVerificationSms(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).CorrelationId);
    }

    [Fact]
    public async Task A_user_entering_onboarding_gets_the_welcome_on_whatsapp_addressed_by_name()
    {
        var messaging = new MessagingWorld();
        messaging.Catalog[WelcomeOnOnboarding.Notification] = new NotificationDefinition
        {
            WhatsApp = new WhatsAppTemplate { Template = "onboarding_welcome_v1", Parameters = ["name"] },
            Sms = new SmsTemplate { Template = "Welcome {{name}}", DltTemplateId = "DLT-WELCOME" },
        };
        var user = messaging.NewUser(LifecycleStage.Acquired);
        var anonymous = User.Register(UserId.New(), Domain.Common.E164Phone.Parse("+919811111111"), null, null, messaging.Clock.GetUtcNow());
        messaging.Users.Add(anonymous);
        var welcome = new WelcomeOnOnboarding(messaging.Users, messaging.Ladder);

        await welcome.HandleAsync(new UserStageChanged(user.Id, LifecycleStage.Acquired, LifecycleStage.Onboarding, messaging.Clock.GetUtcNow()), CancellationToken.None);
        await welcome.HandleAsync(new UserStageChanged(anonymous.Id, LifecycleStage.Acquired, LifecycleStage.Onboarding, messaging.Clock.GetUtcNow()), CancellationToken.None);
        await welcome.HandleAsync(new UserStageChanged(user.Id, LifecycleStage.Onboarding, LifecycleStage.Activated, messaging.Clock.GetUtcNow()), CancellationToken.None);
        await welcome.HandleAsync(new UserStageChanged(UserId.New(), LifecycleStage.Acquired, LifecycleStage.Onboarding, messaging.Clock.GetUtcNow()), CancellationToken.None);

        var sends = messaging.QueuedSends();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, message => Assert.Equal((Channel.WhatsApp, "onboarding_welcome"), (message.Channel, message.Notification)));
        Assert.Equal(["Priya", "there"], sends.Select(message => message.Variables["name"]));
    }

    [Fact]
    public async Task Preferences_change_only_what_the_request_names()
    {
        var messaging = new MessagingWorld();
        var user = messaging.NewUser();
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: null, channelPreference: null);
        var handler = new UpdatePreferencesHandler(messaging.Users);

        var view = await handler.Handle(new UpdatePreferences(user.Id.Value, null, true, "WhatsApp"), CancellationToken.None);
        var unchanged = await handler.Handle(new UpdatePreferences(user.Id.Value, null, null, null), CancellationToken.None);

        Assert.Equal((true, true, "whatsapp"), (view.OptOutSms, view.OptOutWhatsapp, view.ChannelPreference));
        Assert.Equal(view, unchanged);
        var missing = await Assert.ThrowsAsync<NotFoundException>(async () => await handler.Handle(new UpdatePreferences(Guid.NewGuid(), true, null, null), CancellationToken.None));
        Assert.Equal("User", missing.Resource);
    }

    [Theory]
    [InlineData("sms", true)]
    [InlineData("VOICE", true)]
    [InlineData(null, true)]
    [InlineData("chatbot", false)]
    public void A_channel_preference_is_sms_whatsapp_or_voice(string? channel, bool valid)
    {
        var result = new UpdatePreferencesValidator().Validate(new UpdatePreferences(Guid.NewGuid(), null, null, channel));

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal("channelPreference must be one of sms, whatsapp, voice.", Assert.Single(result.Errors).ErrorMessage);
        }
    }

    private Task<SignUpResult> SignUp(string phone, string? name) =>
        new SignUpHandler(world.Users, world.Sending, world.Clock).Handle(new SignUp(phone, name), CancellationToken.None).AsTask();

    private Task StartSms(SendVerificationSms command) =>
        new SendVerificationSmsHandler(world.Verifications, world.Verify, world.Clock).Handle(command, CancellationToken.None).AsTask();
}
