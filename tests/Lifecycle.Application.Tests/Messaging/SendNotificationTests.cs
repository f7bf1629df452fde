using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Messaging;

/// <summary>api.md <c>POST /api/users/{id}/messages</c>: 202 <c>{messageId, channel}</c>, the channel actually used for the first send.</summary>
public class SendNotificationTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["order"] = "A-17", ["name"] = "Priya" };

    private readonly MessagingWorld world = new();

    [Theory]
    [InlineData(null, "sms")]
    [InlineData("auto", "sms")]
    [InlineData("AUTO", "sms")]
    [InlineData("whatsapp", "whatsapp")]
    [InlineData("sms", "sms")]
    public async Task The_answer_names_the_message_and_the_channel_of_its_first_send(string? channel, string used)
    {
        var user = world.NewUser();

        var sent = await Send(new SendNotification(user.Id.Value, MessagingWorld.Order, Variables, channel));

        var message = await world.Messages.FindAsync(sent.MessageId, CancellationToken.None);
        Assert.Equal(used, sent.Channel);
        Assert.Equal(used, message!.Channel.Name());
        Assert.Equal("Order A-17 confirmed, Priya.", message.Body);
        Assert.Equal(Variables, message.Variables);
    }

    [Fact]
    public async Task Auto_uses_the_users_preference()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: null, optOutWhatsapp: null, channelPreference: Channel.WhatsApp);

        Assert.Equal("whatsapp", (await Send(new SendNotification(user.Id.Value, MessagingWorld.Order, Variables, "auto"))).Channel);
    }

    [Fact]
    public async Task A_notification_no_channel_could_carry_answers_none()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: true, channelPreference: null);

        var sent = await Send(new SendNotification(user.Id.Value, MessagingWorld.Order, Variables, null));

        Assert.Equal("none", sent.Channel);
    }

    [Fact]
    public async Task A_notification_without_variables_is_sent_with_none()
    {
        var user = world.NewUser();

        var sent = await Send(new SendNotification(user.Id.Value, MessagingWorld.Promo, null, null));

        Assert.Empty((await world.Messages.FindAsync(sent.MessageId, CancellationToken.None))!.Variables);
    }

    [Fact]
    public async Task A_whatsapp_only_notification_sent_without_variables_fills_its_parameters_empty()
    {
        var user = world.NewUser();

        var sent = await Send(new SendNotification(user.Id.Value, MessagingWorld.WhatsAppOnly, null, "whatsapp"));

        Assert.Equal("agent_offer_v1(, )", (await world.Messages.FindAsync(sent.MessageId, CancellationToken.None))!.Body);
    }

    [Fact]
    public async Task An_unknown_user_is_a_404_and_an_offboarded_one_is_sent_nothing()
    {
        var offboarded = world.NewUser(LifecycleStage.Offboarded);

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Send(new SendNotification(Guid.NewGuid(), MessagingWorld.Order, Variables, null)));
        var refused = await Assert.ThrowsAsync<UserOffboarded>(() => Send(new SendNotification(offboarded.Id.Value, MessagingWorld.Order, Variables, null)));

        Assert.Equal("User", missing.Resource);
        Assert.Equal("The user has been offboarded; nothing is sent to them.", refused.Message);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public void A_request_is_correlated_by_its_user()
    {
        var id = Guid.NewGuid();

        Assert.Equal(id.ToString(), new SendNotification(id, "x", null, null).CorrelationId);
    }

    [Fact]
    public void A_known_notification_with_its_variables_on_a_known_channel_is_valid()
    {
        Assert.True(Validator().Validate(new SendNotification(Guid.NewGuid(), "ORDER_CONFIRMED", Variables, "WhatsApp")).IsValid);
        Assert.True(Validator().Validate(new SendNotification(Guid.NewGuid(), MessagingWorld.WhatsAppOnly, null, null)).IsValid);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("sms")]
    [InlineData("whatsapp")]
    [InlineData(null)]
    public void The_channel_may_be_auto_sms_or_whatsapp_or_left_out(string? channel) =>
        Assert.True(Validator().Validate(new SendNotification(Guid.NewGuid(), MessagingWorld.Order, Variables, channel)).IsValid);

    [Fact]
    public void An_unknown_notification_is_refused_listing_the_known_ones()
    {
        var error = Assert.Single(Validator().Validate(new SendNotification(Guid.NewGuid(), "nope", Variables, null)).Errors);

        Assert.Equal("Notification", error.PropertyName);
        Assert.Equal(
            "notification must be one of agent_offer, order_confirmed, sms_only, unapproved_whatsapp, weekend_offer, whatsapp_only (was 'nope').",
            error.ErrorMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_notification_is_refused_once(string? notification) =>
        Assert.Equal("Notification", Assert.Single(Validator().Validate(new SendNotification(Guid.NewGuid(), notification, Variables, null)).Errors).PropertyName);

    [Fact]
    public void A_channel_other_than_auto_sms_or_whatsapp_is_refused()
    {
        var error = Assert.Single(Validator().Validate(new SendNotification(Guid.NewGuid(), MessagingWorld.Order, Variables, "voice")).Errors);

        Assert.Equal(("Channel", "channel must be auto, sms or whatsapp."), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void Every_variable_the_sms_template_needs_must_be_given()
    {
        var result = Validator().Validate(new SendNotification(Guid.NewGuid(), MessagingWorld.Order, new Dictionary<string, string> { ["name"] = "Priya" }, null));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Variables.order", "the order_confirmed template needs the variable 'order'."), (error.PropertyName, error.ErrorMessage));
        Assert.Equal(2, Validator().Validate(new SendNotification(Guid.NewGuid(), MessagingWorld.Order, null, null)).Errors.Count);
    }

    private SendNotificationValidator Validator() => new(Options.Create(world.Catalog));

    private Task<NotificationSent> Send(SendNotification command) =>
        new SendNotificationHandler(world.Users, world.Ladder).Handle(command, CancellationToken.None).AsTask();
}
