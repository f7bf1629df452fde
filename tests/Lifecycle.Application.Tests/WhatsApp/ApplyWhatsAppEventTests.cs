using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.WhatsApp;

/// <summary>WhatsApp callbacks: delivery reports (policies.md: failed → SMS with the same content) and inbound messages.</summary>
public class ApplyWhatsAppEventTests
{
    private readonly MessagingWorld world = new();

    [Fact]
    public async Task A_failed_whatsapp_falls_back_to_an_sms_with_the_same_content()
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "WA1", Channel.WhatsApp);
        world.Clock.Advance(TimeSpan.FromMinutes(1));

        await Status("WA1", MessageStatus.Failed, "30008");

        Assert.Equal((MessageStatus.Failed, "30008", TestUsers.T0.AddMinutes(1)), (message.Status, message.StatusDetail, message.UpdatedAt));
        var sms = Assert.Single(world.QueuedSends());
        Assert.Equal((Channel.Sms, message.DeliveryId, "Order A-17 confirmed, Priya."), (sms.Channel, sms.DeliveryId, sms.Body));
        Assert.Equal(new SendSms(sms.Id, "DLT-ORDER", SmsType.Transactional), Assert.Single(world.Outbox.Enqueued).Message);
        Assert.Null(user.LastContactAt);
    }

    [Theory]
    [InlineData(MessageStatus.Delivered)]
    [InlineData(MessageStatus.Seen)]
    public async Task A_delivered_or_seen_whatsapp_is_the_users_last_contact(MessageStatus status)
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "WA1", Channel.WhatsApp);
        world.Clock.Advance(TimeSpan.FromMinutes(2));

        await Status("WA1", status);

        Assert.Equal(status, message.Status);
        Assert.Equal((TestUsers.T0.AddMinutes(2), Channel.WhatsApp), (user.LastContactAt, user.LastContactChannel));
        Assert.Empty(world.Outbox.Enqueued);
        Assert.Equal(0, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public async Task A_stale_status_changes_nothing()
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "WA1", Channel.WhatsApp);
        await Status("WA1", MessageStatus.Seen);
        world.Clock.Advance(TimeSpan.FromMinutes(2));

        await Status("WA1", MessageStatus.Failed);
        await Status("WA1", MessageStatus.Delivered);

        Assert.Equal(MessageStatus.Seen, message.Status);
        Assert.Equal(TestUsers.T0, user.LastContactAt);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_failure_of_a_users_message_no_longer_stored_is_only_recorded()
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.WhatsApp, MessagingWorld.Order, "x", world.Clock.GetUtcNow());
        message.MarkSubmitted("WA9", world.Clock.GetUtcNow());
        world.Messages.Add(message);

        await Status("WA9", MessageStatus.Failed);

        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_status_for_a_message_sid_not_recorded_yet_is_kept_for_a_retry()
    {
        var user = world.NewUser();
        world.Submitted(user, "WA1", Channel.Sms);

        var error = await Assert.ThrowsAsync<ProviderRecordPendingException>(() => Status("WA1", MessageStatus.Delivered));

        Assert.Contains("WhatsApp id 'WA1'", error.Message);
    }

    [Fact]
    public async Task An_inbound_message_opens_the_24_hour_window_makes_whatsapp_preferred_and_reaches_the_reply_flows()
    {
        var user = world.NewUser();
        world.Clock.Advance(TimeSpan.FromHours(3));

        await Receive("+919876543210", "hello", "start_setup");

        var now = TestUsers.T0.AddHours(3);
        Assert.Equal((now, Channel.WhatsApp, now), (user.LastInboundWhatsAppAt, user.ChannelPreference, user.LastContactAt));
        var reply = Assert.IsType<UserRepliedOnWhatsApp>(user.DequeueDomainEvents()[0]);
        Assert.Equal(new UserRepliedOnWhatsApp(user.Id, "WA7", "start_setup", "hello", now), reply);
    }

    [Fact]
    public async Task Stop_on_whatsapp_opts_the_user_out_of_whatsapp()
    {
        var user = world.NewUser();

        await Receive("+919876543210", "STOP", null);

        Assert.True(user.OptOutWhatsapp);
    }

    [Theory]
    [InlineData("+919800000000")]
    [InlineData("whatsapp:+919876543210")]
    public async Task An_inbound_message_from_a_number_that_is_no_users_or_not_e164_changes_nothing(string from)
    {
        var user = world.NewUser();

        await Receive(from, "STOP", null);

        Assert.False(user.OptOutWhatsapp);
        Assert.Null(user.LastInboundWhatsAppAt);
        Assert.Empty(user.DequeueDomainEvents());
        Assert.Equal(1, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public async Task A_status_of_a_message_whose_recipient_was_erased_is_applied_and_not_kept()
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "WA9", Channel.WhatsApp);
        message.ErasePersonalData();

        await Status("WA9", MessageStatus.Delivered);

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal(1, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public void Whatsapp_events_are_correlated_by_their_message_sid()
    {
        Assert.Equal("WA1", new ApplyWhatsAppStatus("WA1", MessageStatus.Seen, null, "k").CorrelationId);
        Assert.Equal("WA2", new ReceiveWhatsAppMessage("WA2", "+919876543210", "hi", null, "k").CorrelationId);
    }

    private Task Status(string sid, MessageStatus status, string? detail = null) =>
        new ApplyWhatsAppStatusHandler(world.Messages, world.Users, world.Ladder, world.CurrentEvent, world.Clock)
            .Handle(new ApplyWhatsAppStatus(sid, status, detail, $"{sid}|{status}"), CancellationToken.None).AsTask();

    private Task Receive(string from, string? body, string? button) =>
        new ReceiveWhatsAppMessageHandler(world.Users, world.CurrentEvent, world.Clock)
            .Handle(new ReceiveWhatsAppMessage("WA7", from, body, button, "WA7"), CancellationToken.None).AsTask();
}
