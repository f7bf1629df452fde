using System.Text.Json.Nodes;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Sms;

/// <summary>
/// policies.md: no terminal status within <c>TerminalStatusTimeout</c> → we ask Exotel; still none → the SMS counts as
/// failed (the retry's failure is the second one → WhatsApp).
/// </summary>
public class LookUpSmsStatusTests
{
    private readonly MessagingWorld world = new();

    [Fact]
    public async Task A_terminal_answer_goes_into_the_inbox_as_the_callback_would_have_under_its_event_key()
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "SM1");
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        var callback = new WebhookEvent(
            new WebhookIdentity("SM1|sent|20005", "sms.status"),
            WebhookFields.FromPairs([new("SmsSid", "SM1"), new("Status", "sent")]));
        world.SmsGateway.Report = new SmsStatusReport(MessageStatus.Delivered, "delivered to handset", callback);

        await LookUp(message.Id);

        Assert.Equal(["SM1"], world.SmsGateway.StatusLookups);
        var entry = Assert.Single(world.Inbox.Entries);
        Assert.Equal(SmsWebhook.Source, entry.Source);
        Assert.Equal(callback.Identity, entry.Identity);
        Assert.Equal(TestUsers.T0.AddMinutes(5), entry.ReceivedAt);
        Assert.Equal("sent", JsonNode.Parse(entry.Payload)!["Status"]!.GetValue<string>());
        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task No_terminal_status_even_at_exotel_counts_as_an_undelivered_sms_and_is_retried_once()
    {
        var user = world.NewUser();
        var message = world.Submitted(user, "SM1");
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        world.SmsGateway.Report = new SmsStatusReport(MessageStatus.Submitted, "queued at operator", Callback("SM1"));

        await LookUp(message.Id);

        Assert.Empty(world.Inbox.Entries);
        Assert.Equal(MessageStatus.Undelivered, message.Status);
        Assert.Equal("no terminal status in time (the provider says queued at operator)", message.StatusDetail);
        Assert.Equal(TestUsers.T0.AddMinutes(5), message.UpdatedAt);
        var retry = Assert.Single(world.QueuedSends());
        Assert.Equal((Channel.Sms, 2), (retry.Channel, retry.Attempt));
        Assert.Contains(SmsTerminalStatusTimeout.Key(message.Id), world.Timers.Cancelled);
    }

    [Fact]
    public async Task The_retry_without_a_terminal_status_is_the_second_failure_and_goes_to_whatsapp()
    {
        var user = world.NewUser();
        var first = world.Submitted(user, "SM1");
        await world.Failures.HandleAsync(first, smsCannotReach: false, CancellationToken.None);
        var retry = Assert.Single(world.QueuedSends());
        retry.MarkSending(world.Clock.GetUtcNow());
        retry.MarkSubmitted("SM2", world.Clock.GetUtcNow());

        await LookUp(retry.Id);

        Assert.Equal("no terminal status in time (the provider says nothing)", retry.StatusDetail);
        Assert.Equal([Channel.Sms, Channel.WhatsApp], world.QueuedSends().Select(message => message.Channel));
    }

    [Fact]
    public async Task A_message_already_terminal_or_never_accepted_or_unknown_is_not_looked_up()
    {
        var user = world.NewUser();
        var delivered = world.Submitted(user, "SM1");
        delivered.Advance(MessageStatus.Delivered, null, world.Clock.GetUtcNow());
        var unsent = world.Queued(user);

        await LookUp(delivered.Id);
        await LookUp(unsent.Id);
        await LookUp(Guid.NewGuid());

        Assert.Empty(world.SmsGateway.StatusLookups);
        Assert.Equal(MessageStatus.Delivered, delivered.Status);
        Assert.Equal(MessageStatus.Queued, unsent.Status);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task The_terminal_status_timer_asks_exotel_only_for_a_message_still_without_a_terminal_status()
    {
        var user = world.NewUser();
        var waiting = world.Submitted(user, "SM1");
        var delivered = world.Submitted(user, "SM2");
        delivered.Advance(MessageStatus.Delivered, null, world.Clock.GetUtcNow());
        var handler = new SmsTerminalStatusTimeoutHandler(world.Messages, world.Outbox);

        await handler.Handle(new SmsTerminalStatusTimeout(waiting.Id), CancellationToken.None);
        await handler.Handle(new SmsTerminalStatusTimeout(delivered.Id), CancellationToken.None);
        await handler.Handle(new SmsTerminalStatusTimeout(Guid.NewGuid()), CancellationToken.None);

        var (lookUp, notBefore) = Assert.Single(world.Outbox.Enqueued);
        Assert.Equal(new LookUpSmsStatus(waiting.Id), lookUp);
        Assert.Null(notBefore);
    }

    [Fact]
    public void A_look_up_uses_the_sms_rate_lane_and_is_correlated_by_the_message()
    {
        var id = Guid.NewGuid();

        Assert.Equal(("sms", id.ToString()), (new LookUpSmsStatus(id).RateLane, new LookUpSmsStatus(id).CorrelationId));
    }

    private static WebhookEvent Callback(string sid) =>
        new(new WebhookIdentity($"{sid}|queued|", "sms.status"), WebhookFields.FromPairs([new("SmsSid", sid)]));

    private Task LookUp(Guid messageId) =>
        new LookUpSmsStatusHandler(world.Messages, world.SmsGateway, world.Inbox, world.Failures, world.Clock)
            .Handle(new LookUpSmsStatus(messageId), CancellationToken.None).AsTask();
}
