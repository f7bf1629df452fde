using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.WhatsApp;

/// <summary>
/// policies.md / api.md: an approved template outside the user's 24 h window, reply buttons inside it;
/// HSM_MESSAGE_ONLY → the template at once; a refused template → tried again later, then the next rung.
/// </summary>
public class SendWhatsAppTests
{
    private readonly MessagingWorld world = new();

    [Fact]
    public async Task Outside_the_window_the_approved_template_goes_with_its_parameters_in_order_and_is_recorded_as_submitted()
    {
        var user = world.NewUser();
        var message = world.Queued(user, Channel.WhatsApp);

        await Send(new SendWhatsApp(message.Id, 0, false));

        var request = Assert.Single(world.WhatsAppGateway.Sent);
        Assert.Equal(("+919876543210", message.Id.ToString()), (request.To, request.CustomData));
        var template = Assert.IsType<WhatsAppBody.Template>(request.Body);
        Assert.Equal(("order_confirmed_v2", "en_IN"), (template.Name, template.Language));
        Assert.Equal(["Priya", "A-17"], template.Parameters);
        Assert.Equal((MessageStatus.Submitted, "WA0001"), (message.Status, message.ProviderId));
    }

    [Fact]
    public async Task A_template_parameter_without_a_value_is_sent_empty()
    {
        var user = world.NewUser();
        var message = world.Queued(user, Channel.WhatsApp, MessagingWorld.WhatsAppOnly, new Dictionary<string, string> { ["name"] = "Priya" });

        await Send(new SendWhatsApp(message.Id, 0, false));

        Assert.Equal(["Priya", ""], Assert.IsType<WhatsAppBody.Template>(Assert.Single(world.WhatsAppGateway.Sent).Body).Parameters);
    }

    [Fact]
    public async Task Inside_the_24_hour_window_a_notification_with_buttons_goes_as_an_interactive_message()
    {
        var user = world.NewUser();
        user.ReceiveWhatsApp("WA0", null, "hi", world.Clock.GetUtcNow());
        world.Clock.Advance(TimeSpan.FromHours(23));
        var message = world.Queued(user, Channel.WhatsApp, MessagingWorld.WhatsAppOnly);

        await Send(new SendWhatsApp(message.Id, 0, false));

        var buttons = Assert.IsType<WhatsAppBody.Buttons>(Assert.Single(world.WhatsAppGateway.Sent).Body);
        Assert.Equal("body", buttons.Text);
        Assert.Equal([("talk_to_someone", "Talk to someone"), ("later", "Later")], buttons.Choices);
    }

    [Fact]
    public async Task Once_the_window_has_closed_the_buttons_notification_goes_as_its_template()
    {
        var user = world.NewUser();
        user.ReceiveWhatsApp("WA0", null, "hi", world.Clock.GetUtcNow());
        world.Clock.Advance(TimeSpan.FromHours(24));
        var message = world.Queued(user, Channel.WhatsApp, MessagingWorld.WhatsAppOnly);

        await Send(new SendWhatsApp(message.Id, 0, false));

        Assert.IsType<WhatsAppBody.Template>(Assert.Single(world.WhatsAppGateway.Sent).Body);
    }

    [Fact]
    public async Task A_send_told_to_use_the_template_uses_it_even_inside_the_window()
    {
        var user = world.NewUser();
        user.ReceiveWhatsApp("WA0", null, "hi", world.Clock.GetUtcNow());
        var message = world.Queued(user, Channel.WhatsApp, MessagingWorld.WhatsAppOnly);

        await Send(new SendWhatsApp(message.Id, 0, TemplateOnly: true));

        Assert.IsType<WhatsAppBody.Template>(Assert.Single(world.WhatsAppGateway.Sent).Body);
    }

    [Fact]
    public async Task A_notification_without_buttons_goes_as_its_template_inside_the_window_too()
    {
        var user = world.NewUser();
        user.ReceiveWhatsApp("WA0", null, "hi", world.Clock.GetUtcNow());
        var message = world.Queued(user, Channel.WhatsApp);

        await Send(new SendWhatsApp(message.Id, 0, false));

        Assert.IsType<WhatsAppBody.Template>(Assert.Single(world.WhatsAppGateway.Sent).Body);
    }

    [Fact]
    public async Task Hsm_message_only_sends_the_template_at_once_instead()
    {
        var user = world.NewUser();
        var message = world.Queued(user, Channel.WhatsApp, MessagingWorld.WhatsAppOnly);
        world.WhatsAppGateway.Answer = new WhatsAppSendResult.Rejected("HSM_MESSAGE_ONLY", "outside the 24 h window");

        await Send(new SendWhatsApp(message.Id, 0, false));

        Assert.Equal(MessageStatus.Queued, message.Status);
        Assert.Contains(SendOutcomeDeadline.Key(message.Id), world.Timers.Cancelled);
        var (retry, notBefore) = Assert.Single(world.Outbox.Enqueued);
        Assert.Equal(new SendWhatsApp(message.Id, 0, TemplateOnly: true), retry);
        Assert.Null(notBefore);
    }

    [Theory]
    [InlineData("TEMPLATE_NOT_APPROVED")]
    [InlineData("TEMPLATE_NOT_FOUND")]
    [InlineData("TEMPLATE_REJECTED")]
    public async Task A_refused_template_is_tried_again_after_a_day(string code)
    {
        var user = world.NewUser();
        var message = world.Queued(user, Channel.WhatsApp);
        world.WhatsAppGateway.Answer = new WhatsAppSendResult.Rejected(code, "template refused");

        await Send(new SendWhatsApp(message.Id, 1, false));

        Assert.Equal(MessageStatus.Queued, message.Status);
        Assert.Contains(SendOutcomeDeadline.Key(message.Id), world.Timers.Cancelled);
        var (retry, notBefore) = Assert.Single(world.Outbox.Enqueued);
        Assert.Equal(new SendWhatsApp(message.Id, 2, false), retry);
        Assert.Equal(TestUsers.T0.AddDays(1), notBefore);
    }

    [Fact]
    public async Task A_template_refused_on_its_last_try_fails_the_message_and_moves_to_sms()
    {
        var user = world.NewUser();
        var message = world.Queued(user, Channel.WhatsApp);
        world.WhatsAppGateway.Answer = new WhatsAppSendResult.Rejected("TEMPLATE_NOT_APPROVED", "pending review");

        await Send(new SendWhatsApp(message.Id, world.WhatsApp.MaxTemplateRetries, false));

        Assert.Equal((MessageStatus.Failed, "TEMPLATE_NOT_APPROVED: pending review"), (message.Status, message.StatusDetail));
        var sms = Assert.Single(world.QueuedSends());
        Assert.Equal(Channel.Sms, sms.Channel);
        Assert.IsType<SendSms>(Assert.Single(world.Outbox.Enqueued).Message);
    }

    [Fact]
    public async Task Any_other_refusal_fails_the_message_and_moves_to_the_next_rung()
    {
        var user = world.NewUser();
        var message = world.Queued(user, Channel.WhatsApp);
        world.WhatsAppGateway.Answer = new WhatsAppSendResult.Rejected("INVALID_NUMBER", "not on WhatsApp");

        await Send(new SendWhatsApp(message.Id, 0, false));

        Assert.Equal((MessageStatus.Failed, "INVALID_NUMBER: not on WhatsApp"), (message.Status, message.StatusDetail));
        Assert.Equal(Channel.Sms, Assert.Single(world.QueuedSends()).Channel);
    }

    [Fact]
    public async Task An_unknown_outcome_stays_sending_until_its_deadline_five_minutes_later()
    {
        var user = world.NewUser();
        var message = world.Queued(user, Channel.WhatsApp);
        world.WhatsAppGateway.Answer = new WhatsAppSendResult.OutcomeUnknown("timeout");

        await Send(new SendWhatsApp(message.Id, 0, false));

        Assert.Equal((MessageStatus.Sending, "outcome unknown: timeout"), (message.Status, message.StatusDetail));
        var deadline = Assert.Single(world.Timers.Scheduled);
        Assert.Equal((SendOutcomeDeadline.Key(message.Id), TestUsers.T0.AddMinutes(5)), (deadline.Key, deadline.DueAt));
        Assert.Empty(world.Outbox.Enqueued);
        Assert.Equal([null, "outbox:7"], world.UnitOfWork.EventKeys);
    }

    [Fact]
    public async Task A_message_no_longer_queued_or_without_a_whatsapp_template_is_not_sent()
    {
        var user = world.NewUser();
        var submitted = world.Submitted(user, "WA1", Channel.WhatsApp);
        var smsOnly = world.Queued(user, Channel.WhatsApp, MessagingWorld.SmsOnly);
        var retired = OutboundMessage.Queue(user.Id, Channel.WhatsApp, "retired_notification", "x", world.Clock.GetUtcNow());
        world.Messages.Add(retired);

        await Send(new SendWhatsApp(submitted.Id, 0, false));
        await Send(new SendWhatsApp(smsOnly.Id, 0, false));
        await Send(new SendWhatsApp(retired.Id, 0, false));
        await Send(new SendWhatsApp(Guid.NewGuid(), 0, false));

        Assert.Empty(world.WhatsAppGateway.Sent);
        Assert.Equal(MessageStatus.Queued, smsOnly.Status);
        Assert.Equal(MessageStatus.Queued, retired.Status);
    }

    [Fact]
    public async Task A_whatsapp_to_a_user_whose_phone_was_erased_fails_without_a_request()
    {
        var user = world.NewUser();
        var message = world.Queued(user, Channel.WhatsApp);
        user.Erased();

        await Send(new SendWhatsApp(message.Id, 0, false));

        Assert.Empty(world.WhatsAppGateway.Sent);
        Assert.Equal((MessageStatus.Failed, "recipient erased"), (message.Status, message.StatusDetail));
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public void A_whatsapp_send_is_correlated_by_its_message() =>
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", new SendWhatsApp(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), 0, false).CorrelationId);

    private Task Send(SendWhatsApp command) =>
        new SendWhatsAppHandler(
                world.Messages, world.Users, world.WhatsAppGateway, world.Guarded, world.Outbox, world.Ladder,
                Options.Create(world.Catalog), Options.Create(world.WhatsApp), world.Clock)
            .Handle(command, CancellationToken.None).AsTask();
}
