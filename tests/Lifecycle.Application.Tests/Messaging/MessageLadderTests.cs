using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Messaging;

/// <summary>
/// The channel ladder (policies.md, api.md "Messages"): the first rung that carries the notification and is not opted
/// out of; a failed rung hands the same content to the next untried one; with none left nothing is sent and that is recorded.
/// </summary>
public class MessageLadderTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["order"] = "A-17", ["name"] = "Priya" };

    private readonly MessagingWorld world = new();

    [Fact]
    public async Task A_notification_goes_out_by_sms_first_by_default_rendered_with_its_variables()
    {
        var user = world.NewUser();

        var message = await Send(user, MessagingWorld.Order);

        Assert.NotNull(message);
        Assert.Equal((Channel.Sms, MessageStatus.Queued, 1), (message.Channel, message.Status, message.Attempt));
        Assert.Equal("Order A-17 confirmed, Priya.", message.Body);
        Assert.Equal((user.Id, MessagingWorld.Order, TestUsers.T0), (message.UserId, message.Notification, message.CreatedAt));
        Assert.Equal(Variables, message.Variables);
        Assert.Same(message, await world.Messages.FindAsync(message.Id, CancellationToken.None));
        var (send, notBefore) = Assert.Single(world.Outbox.Enqueued);
        Assert.Equal(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional), send);
        Assert.Null(notBefore);
    }

    [Fact]
    public async Task The_users_channel_preference_is_the_first_rung()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: null, optOutWhatsapp: null, channelPreference: Channel.WhatsApp);

        var message = await Send(user, MessagingWorld.Order);

        Assert.Equal(Channel.WhatsApp, message!.Channel);
        Assert.Equal("Order A-17 confirmed, Priya.", message.Body);
        Assert.Equal(new SendWhatsApp(message.Id, 0, false), Assert.Single(world.Outbox.Enqueued).Message);
    }

    [Fact]
    public async Task A_channel_named_in_the_request_beats_the_users_preference()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: null, optOutWhatsapp: null, channelPreference: Channel.WhatsApp);

        var message = await Send(user, MessagingWorld.Order, Channel.Sms);

        Assert.Equal(Channel.Sms, message!.Channel);
    }

    [Fact]
    public async Task The_configured_ladder_order_decides_when_neither_request_nor_user_names_a_channel()
    {
        world.Messaging.Ladder = ["whatsapp", "sms"];
        var user = world.NewUser();

        var message = await Send(user, MessagingWorld.Order);

        Assert.Equal(Channel.WhatsApp, message!.Channel);
    }

    [Fact]
    public async Task An_opted_out_channel_is_skipped_for_the_next_rung()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: null, channelPreference: null);

        var message = await Send(user, MessagingWorld.Order, Channel.Sms);

        Assert.Equal(Channel.WhatsApp, message!.Channel);
        Assert.IsType<SendWhatsApp>(Assert.Single(world.Outbox.Enqueued).Message);
    }

    [Fact]
    public async Task A_rung_without_a_template_for_the_notification_is_skipped()
    {
        var user = world.NewUser();

        var message = await Send(user, MessagingWorld.WhatsAppOnly);

        Assert.Equal(Channel.WhatsApp, message!.Channel);
        Assert.Equal("agent_offer_v1(Priya, )", message.Body);
    }

    [Fact]
    public async Task A_whatsapp_template_not_yet_approved_is_no_rung_at_all()
    {
        var user = world.NewUser();

        var message = await Send(user, MessagingWorld.Unapproved);

        Assert.Equal(MessageStatus.Failed, message!.Status);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task Opted_out_of_every_channel_nothing_is_sent_and_that_is_recorded_on_the_message()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: true, channelPreference: null);

        var message = await Send(user, MessagingWorld.Order);

        Assert.NotNull(message);
        Assert.Equal((Channel.Sms, MessageStatus.Failed, true), (message.Channel, message.Status, message.Escalated));
        Assert.Equal("not sent: the user has opted out of every channel that carries it; no channel left", message.StatusDetail);
        Assert.Equal("Order A-17 confirmed, Priya.", message.Body);
        Assert.Same(message, await world.Messages.FindAsync(message.Id, CancellationToken.None));
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_message_nothing_could_carry_is_recorded_on_the_channel_asked_for_or_else_the_preferred_one()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: true, channelPreference: Channel.WhatsApp);

        var asked = await Send(user, MessagingWorld.Order, Channel.Sms);
        var preferred = await Send(user, MessagingWorld.Order);

        Assert.Equal(Channel.Sms, asked!.Channel);
        Assert.Equal(Channel.WhatsApp, preferred!.Channel);
        Assert.Equal("Order A-17 confirmed, Priya.", preferred.Body);
    }

    [Fact]
    public async Task A_message_nothing_could_carry_is_recorded_on_the_first_configured_rung()
    {
        world.Messaging.Ladder = ["whatsapp", "sms"];
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: true, channelPreference: null);

        var message = await Send(user, MessagingWorld.Order);

        Assert.Equal(Channel.WhatsApp, message!.Channel);
    }

    [Fact]
    public async Task An_unknown_notification_sends_nothing()
    {
        var user = world.NewUser();

        Assert.Null(await Send(user, "no_such_notification"));
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_promotional_sms_outside_the_promotional_window_waits_for_nine_in_the_morning_ist()
    {
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero));
        var user = world.NewUser();

        var message = await Send(user, MessagingWorld.Promo);

        var (send, notBefore) = Assert.Single(world.Outbox.Enqueued);
        Assert.Equal(new SendSms(message!.Id, "DLT-PROMO", SmsType.Promotional), send);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 3, 30, 0, TimeSpan.Zero), notBefore);
    }

    [Fact]
    public async Task A_promotional_sms_inside_the_window_goes_at_once()
    {
        var user = world.NewUser();

        await Send(user, MessagingWorld.Promo);

        var (send, notBefore) = Assert.Single(world.Outbox.Enqueued);
        Assert.Equal(SmsType.Promotional, ((SendSms)send).Type);
        Assert.Null(notBefore);
    }

    [Fact]
    public async Task A_transactional_sms_goes_at_any_time()
    {
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero));
        var user = world.NewUser();

        await Send(user, MessagingWorld.SmsOnly);

        var (send, notBefore) = Assert.Single(world.Outbox.Enqueued);
        Assert.Equal(new SendSms(((SendSms)send).MessageId, "DLT-CODE", SmsType.Transactional), send);
        Assert.Null(notBefore);
    }

    [Fact]
    public async Task A_failed_rung_hands_the_same_content_to_the_next_untried_rung()
    {
        var user = world.NewUser();
        var failed = world.Submitted(user, "SM1");
        world.Clock.Advance(TimeSpan.FromMinutes(3));

        var next = await world.Ladder.EscalateAsync(failed, user, channel: null, CancellationToken.None);

        Assert.NotNull(next);
        Assert.Equal((Channel.WhatsApp, 1, failed.DeliveryId), (next.Channel, next.Attempt, next.DeliveryId));
        Assert.Equal("Order A-17 confirmed, Priya.", next.Body);
        Assert.Equal(failed.Variables, next.Variables);
        Assert.Equal(TestUsers.T0.AddMinutes(3), next.CreatedAt);
        Assert.True(failed.Escalated);
        Assert.Same(next, await world.Messages.FindAsync(next.Id, CancellationToken.None));
        Assert.Equal(new SendWhatsApp(next.Id, 0, false), Assert.Single(world.Outbox.Enqueued).Message);
    }

    [Fact]
    public async Task A_retry_on_the_same_channel_is_allowed_even_though_that_channel_was_tried()
    {
        var user = world.NewUser();
        var failed = world.Submitted(user, "SM1");

        var retry = await world.Ladder.EscalateAsync(failed, user, Channel.Sms, CancellationToken.None);

        Assert.Equal((Channel.Sms, 2), (retry!.Channel, retry.Attempt));
        Assert.Equal(new SendSms(retry.Id, "DLT-ORDER", SmsType.Transactional), Assert.Single(world.Outbox.Enqueued).Message);
    }

    [Fact]
    public async Task A_failed_whatsapp_falls_back_to_sms_even_for_a_user_who_prefers_whatsapp()
    {
        world.Messaging.Ladder = ["sms", "whatsapp"];
        var user = world.NewUser();
        var failed = world.Submitted(user, "WA1", Channel.WhatsApp);
        user.UpdatePreferences(optOutSms: null, optOutWhatsapp: null, channelPreference: Channel.WhatsApp);

        var next = await world.Ladder.EscalateAsync(failed, user, channel: null, CancellationToken.None);

        Assert.Equal(Channel.Sms, next!.Channel);
    }

    [Fact]
    public async Task With_every_rung_tried_the_delivery_gives_up_and_records_why()
    {
        var user = world.NewUser();
        var sms = world.Submitted(user, "SM1");
        var whatsApp = await world.Ladder.EscalateAsync(sms, user, channel: null, CancellationToken.None);
        whatsApp!.MarkSending(world.Clock.GetUtcNow());
        whatsApp.Advance(MessageStatus.Failed, "30008: unknown error", world.Clock.GetUtcNow());
        world.Clock.Advance(TimeSpan.FromMinutes(1));

        var none = await world.Ladder.EscalateAsync(whatsApp, user, channel: null, CancellationToken.None);

        Assert.Null(none);
        Assert.True(whatsApp.Escalated);
        Assert.Equal("30008: unknown error; no channel left to fall back to", whatsApp.StatusDetail);
        Assert.Equal(TestUsers.T0.AddMinutes(1), whatsApp.UpdatedAt);
        Assert.Single(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task An_opted_out_next_rung_is_no_fallback()
    {
        var user = world.NewUser();
        var failed = world.Submitted(user, "SM1");
        user.UpdatePreferences(optOutSms: null, optOutWhatsapp: true, channelPreference: null);

        Assert.Null(await world.Ladder.EscalateAsync(failed, user, channel: null, CancellationToken.None));
        Assert.True(failed.Escalated);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_failure_already_acted_on_or_of_an_unknown_notification_is_not_escalated_again()
    {
        var user = world.NewUser();
        var failed = world.Submitted(user, "SM1");
        await world.Ladder.EscalateAsync(failed, user, channel: null, CancellationToken.None);
        var unknown = OutboundMessage.Queue(user.Id, Channel.Sms, "retired_notification", "x", world.Clock.GetUtcNow());

        Assert.Null(await world.Ladder.EscalateAsync(failed, user, channel: null, CancellationToken.None));
        Assert.Null(await world.Ladder.EscalateAsync(unknown, user, channel: null, CancellationToken.None));
        Assert.False(unknown.Escalated);
        Assert.Single(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_rung_in_the_ladder_without_a_registered_channel_is_passed_over()
    {
        var user = world.NewUser();
        var smsOnly = new MessageLadder(
            [world.SmsChannel],
            world.Messages,
            Microsoft.Extensions.Options.Options.Create(world.Catalog),
            Microsoft.Extensions.Options.Options.Create(new MessagingOptions { Ladder = ["whatsapp", "sms"] }),
            world.Clock);

        var message = await smsOnly.SendAsync(user, MessagingWorld.Order, Variables, first: null, CancellationToken.None);

        Assert.Equal(Channel.Sms, message!.Channel);
    }

    [Fact]
    public async Task A_message_recorded_on_a_channel_with_no_registered_rung_has_an_empty_body()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: null, channelPreference: null);
        var smsOnly = new MessageLadder(
            [world.SmsChannel],
            world.Messages,
            Microsoft.Extensions.Options.Options.Create(world.Catalog),
            Microsoft.Extensions.Options.Options.Create(new MessagingOptions()),
            world.Clock);

        var message = await smsOnly.SendAsync(user, MessagingWorld.Order, Variables, first: Channel.WhatsApp, CancellationToken.None);

        Assert.Equal((Channel.WhatsApp, string.Empty, MessageStatus.Failed), (message!.Channel, message.Body, message.Status));
    }

    [Fact]
    public async Task A_retry_on_a_channel_with_no_registered_rung_is_a_wiring_error_not_a_silent_give_up()
    {
        var user = world.NewUser();
        var failed = world.Submitted(user, "SM1");
        var whatsAppOnly = new MessageLadder(
            [world.WhatsAppChannel],
            world.Messages,
            Microsoft.Extensions.Options.Options.Create(world.Catalog),
            Microsoft.Extensions.Options.Options.Create(new MessagingOptions()),
            world.Clock);

        await Assert.ThrowsAsync<InvalidOperationException>(() => whatsAppOnly.EscalateAsync(failed, user, Channel.Sms, CancellationToken.None));
        Assert.False(failed.Escalated);
    }

    private Task<OutboundMessage?> Send(User user, string notification, Channel? first = null) =>
        world.Ladder.SendAsync(user, notification, Variables, first, CancellationToken.None);
}
