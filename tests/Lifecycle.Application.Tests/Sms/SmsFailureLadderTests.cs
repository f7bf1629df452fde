using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Sms;

/// <summary>
/// policies.md: SMS undelivered → one retry, a second failure → WhatsApp with the same content; DND, an invalid
/// number or a DLT rejection → no SMS retry, straight to the WhatsApp rung.
/// </summary>
public class SmsFailureLadderTests
{
    private readonly MessagingWorld world = new();

    [Fact]
    public async Task A_status_of_an_sms_whose_recipient_was_erased_is_applied_and_not_kept()
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "SM7");
        message.ErasePersonalData();

        await Apply("SM7", MessageStatus.Delivered, null);

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal(1, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public async Task Undelivered_sms_is_retried_once_then_falls_back_to_whatsapp()
    {
        var user = world.NewUser();
        var first = world.Submitted(user, "SM1");

        await Apply("SM1", MessageStatus.Undelivered, SmsFailure.Undelivered);
        var retry = Assert.Single(world.QueuedSends());
        retry.MarkSending(world.Clock.GetUtcNow());
        retry.MarkSubmitted("SM2", world.Clock.GetUtcNow());
        await Apply("SM2", MessageStatus.Undelivered, SmsFailure.Undelivered);

        var sends = world.QueuedSends();
        Assert.Equal([Channel.Sms, Channel.WhatsApp], sends.Select(message => message.Channel));
        Assert.Equal([2, 1], sends.Select(message => message.Attempt));
        Assert.All(sends, message => Assert.Equal(first.DeliveryId, message.DeliveryId));
        Assert.Equal("Order A-17 confirmed, Priya.", sends[0].Body);
        Assert.Equal("Order A-17 confirmed, Priya.", sends[1].Body);
        Assert.True(first.Escalated);
        Assert.True(retry.Escalated);
        Assert.Equal(new SendWhatsApp(sends[1].Id, TemplateTry: 0, TemplateOnly: false), world.Outbox.Enqueued[1].Message);
        Assert.Equal(0, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public async Task A_failed_sms_without_a_known_reason_is_retried_like_an_undelivered_one()
    {
        var user = world.NewUser();
        world.Submitted(user, "SM1");

        await Apply("SM1", MessageStatus.Failed, failure: null);

        Assert.Equal(Channel.Sms, Assert.Single(world.QueuedSends()).Channel);
    }

    [Theory]
    [InlineData(SmsFailure.DoNotDisturb)]
    [InlineData(SmsFailure.InvalidNumber)]
    [InlineData(SmsFailure.DltRejected)]
    [InlineData(SmsFailure.Refused)]
    public async Task An_sms_that_no_other_sms_could_deliver_goes_straight_to_whatsapp(SmsFailure failure)
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "SM1");

        await Apply("SM1", MessageStatus.Failed, failure);

        var next = Assert.Single(world.QueuedSends());
        Assert.Equal((Channel.WhatsApp, 1), (next.Channel, next.Attempt));
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Contains(SmsTerminalStatusTimeout.Key(message.Id), world.Timers.Cancelled);
    }

    [Fact]
    public async Task A_user_who_opted_out_of_sms_meanwhile_gets_no_sms_retry_but_the_whatsapp_rung()
    {
        var user = world.NewUser();
        world.Submitted(user, "SM1");
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: null, channelPreference: null);

        await Apply("SM1", MessageStatus.Undelivered, SmsFailure.Undelivered);

        Assert.Equal(Channel.WhatsApp, Assert.Single(world.QueuedSends()).Channel);
    }

    [Fact]
    public async Task With_no_sms_retries_configured_the_first_failure_goes_to_whatsapp()
    {
        world.Sms.MaxRetries = 0;
        var user = world.NewUser();
        world.Submitted(user, "SM1");

        await Apply("SM1", MessageStatus.Undelivered, SmsFailure.Undelivered);

        Assert.Equal(Channel.WhatsApp, Assert.Single(world.QueuedSends()).Channel);
    }

    [Fact]
    public async Task Two_sms_retries_configured_allow_a_third_sms_before_whatsapp()
    {
        world.Sms.MaxRetries = 2;
        var user = world.NewUser();
        world.Submitted(user, "SM1");

        await Apply("SM1", MessageStatus.Undelivered, SmsFailure.Undelivered);
        var second = world.QueuedSends()[^1];
        second.MarkSending(world.Clock.GetUtcNow());
        second.MarkSubmitted("SM2", world.Clock.GetUtcNow());
        await Apply("SM2", MessageStatus.Undelivered, SmsFailure.Undelivered);

        Assert.Equal([(Channel.Sms, 2), (Channel.Sms, 3)], world.QueuedSends().Select(message => (message.Channel, message.Attempt)));
    }

    [Fact]
    public async Task A_failure_reported_twice_is_acted_on_once()
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "SM1");

        await Apply("SM1", MessageStatus.Undelivered, SmsFailure.Undelivered);
        await Apply("SM1", MessageStatus.Failed, SmsFailure.DoNotDisturb);

        Assert.Equal(Channel.Sms, Assert.Single(world.QueuedSends()).Channel);
        Assert.Equal(MessageStatus.Undelivered, message.Status);
    }

    [Fact]
    public async Task A_late_failure_report_after_delivery_sends_no_retry()
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "SM1");
        await Apply("SM1", MessageStatus.Delivered, failure: null);

        await Apply("SM1", MessageStatus.Undelivered, SmsFailure.Undelivered);
        await Apply("SM1", MessageStatus.Failed, SmsFailure.DoNotDisturb);

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.False(message.Escalated);
        Assert.Empty(world.Outbox.Enqueued);
        Assert.Single(world.Timers.Cancelled);
    }

    [Fact]
    public async Task A_status_for_an_sms_sid_not_recorded_yet_names_the_sms_in_its_retry_reason()
    {
        var error = await Assert.ThrowsAsync<ProviderRecordPendingException>(() => Apply("SM404", MessageStatus.Delivered, null));

        Assert.Equal("No record yet for SMS id 'SM404'; the event is kept and retried.", error.Message);
    }

    [Fact]
    public async Task An_undelivered_sms_of_a_user_no_longer_stored_is_only_recorded()
    {
        var orphan = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, MessagingWorld.Order, "x", world.Clock.GetUtcNow());
        orphan.MarkSubmitted("SM9", world.Clock.GetUtcNow());
        world.Messages.Add(orphan);

        await Apply("SM9", MessageStatus.Undelivered, SmsFailure.Undelivered);

        Assert.Equal(MessageStatus.Undelivered, orphan.Status);
        Assert.False(orphan.Escalated);
        Assert.Empty(world.Outbox.Enqueued);
        Assert.Equal([SmsTerminalStatusTimeout.Key(orphan.Id)], world.Timers.Cancelled);
    }

    [Theory]
    [InlineData(MessageStatus.Delivered)]
    [InlineData(MessageStatus.Seen)]
    public async Task A_terminal_success_cancels_the_terminal_status_timer_and_sends_nothing_more(MessageStatus status)
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "SM1");

        await Apply("SM1", status, failure: null);

        Assert.Equal([SmsTerminalStatusTimeout.Key(message.Id)], world.Timers.Cancelled);
        Assert.Empty(world.Outbox.Enqueued);
        Assert.False(message.Escalated);
    }

    [Fact]
    public void A_status_names_its_sms_and_is_correlated_by_the_sms_sid()
    {
        var command = new ApplySmsStatus("SM1", MessageStatus.Delivered, null, null, "SM1|sent|");

        Assert.Equal("SM1", command.CorrelationId);
    }

    [Theory]
    [InlineData("", MessageStatus.Delivered, "SmsSid")]
    [InlineData("SM1", (MessageStatus)42, "Status")]
    public void A_status_without_its_sms_sid_or_with_an_unknown_status_is_refused(string sid, MessageStatus status, string field)
    {
        var result = new ApplySmsStatusValidator().Validate(new ApplySmsStatus(sid, status, null, null, "key"));

        Assert.Equal(field, Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void A_well_formed_status_is_valid()
    {
        Assert.True(new ApplySmsStatusValidator().Validate(new ApplySmsStatus("SM1", MessageStatus.Failed, SmsFailure.DltRejected, "23080", "key")).IsValid);
    }

    private Task Apply(string sid, MessageStatus status, SmsFailure? failure) =>
        new ApplySmsStatusHandler(world.Messages, world.Failures, world.Timers, world.CurrentEvent, world.Clock)
            .Handle(new ApplySmsStatus(sid, status, failure, "detail", $"{sid}|{status}"), CancellationToken.None).AsTask();
}
