using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Tests;

public class OutboundMessageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    private static readonly DateTimeOffset T2 = T0.AddMinutes(2);

    // Forward moves only; once terminal, only Delivered -> Seen.
    private static readonly HashSet<(MessageStatus From, MessageStatus To)> AllowedMoves =
    [
        (MessageStatus.Queued, MessageStatus.Sending),
        (MessageStatus.Queued, MessageStatus.Submitted),
        (MessageStatus.Queued, MessageStatus.Delivered),
        (MessageStatus.Queued, MessageStatus.Seen),
        (MessageStatus.Queued, MessageStatus.Undelivered),
        (MessageStatus.Queued, MessageStatus.Failed),
        (MessageStatus.Sending, MessageStatus.Submitted),
        (MessageStatus.Sending, MessageStatus.Delivered),
        (MessageStatus.Sending, MessageStatus.Seen),
        (MessageStatus.Sending, MessageStatus.Undelivered),
        (MessageStatus.Sending, MessageStatus.Failed),
        (MessageStatus.Submitted, MessageStatus.Delivered),
        (MessageStatus.Submitted, MessageStatus.Seen),
        (MessageStatus.Submitted, MessageStatus.Undelivered),
        (MessageStatus.Submitted, MessageStatus.Failed),
        (MessageStatus.Delivered, MessageStatus.Seen),
    ];

    public static TheoryData<MessageStatus, MessageStatus, bool> AllMoves()
    {
        var data = new TheoryData<MessageStatus, MessageStatus, bool>();
        foreach (var from in Enum.GetValues<MessageStatus>())
        {
            foreach (var to in Enum.GetValues<MessageStatus>())
            {
                data.Add(from, to, AllowedMoves.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllMoves))]
    public void Status_only_moves_forward_and_terminal_statuses_are_final_except_delivered_to_seen(
        MessageStatus from, MessageStatus to, bool allowed)
    {
        var message = MessageIn(from);

        var advanced = message.Advance(to, "new detail", T2);

        Assert.Equal(allowed, advanced);
        Assert.Equal(allowed ? to : from, message.Status);
        Assert.Equal(allowed ? "new detail" : DetailOf(from), message.StatusDetail);
        Assert.Equal(allowed ? T2 : UpdatedAtOf(from), message.UpdatedAt);
    }

    [Fact]
    public void Queue_starts_queued_without_a_provider_id()
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "order_confirmed", "Confirmed.", T0);

        Assert.Equal(MessageStatus.Queued, message.Status);
        Assert.Null(message.ProviderId);
        Assert.Equal(("order_confirmed", "Confirmed.", Channel.Sms), (message.Notification, message.Body, message.Channel));
        Assert.Equal(T0, message.CreatedAt);
        Assert.Equal(T0, message.UpdatedAt);
    }

    [Fact]
    public void Duplicate_status_returns_false()
    {
        var message = MessageIn(MessageStatus.Submitted);

        Assert.False(message.Advance(MessageStatus.Submitted, "again", T2));
        Assert.Equal(T1, message.UpdatedAt);
    }

    [Fact]
    public void MarkSubmitted_records_the_provider_id_and_the_submitted_status()
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "otp", "Code 1234", T0);

        message.MarkSubmitted("SM0123456789", T1);

        Assert.Equal("SM0123456789", message.ProviderId);
        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Equal(T1, message.UpdatedAt);
    }

    [Fact]
    public void A_late_submitted_after_delivery_keeps_the_delivered_status()
    {
        var message = MessageIn(MessageStatus.Delivered);

        Assert.False(message.Advance(MessageStatus.Submitted, null, T2));
        Assert.Equal(MessageStatus.Delivered, message.Status);
    }

    [Theory]
    [InlineData(MessageStatus.Queued, false)]
    [InlineData(MessageStatus.Sending, false)]
    [InlineData(MessageStatus.Submitted, false)]
    [InlineData(MessageStatus.Delivered, true)]
    [InlineData(MessageStatus.Seen, true)]
    [InlineData(MessageStatus.Undelivered, true)]
    [InlineData(MessageStatus.Failed, true)]
    public void Terminal_statuses_are_delivered_seen_undelivered_and_failed(MessageStatus status, bool terminal) =>
        Assert.Equal(terminal, status.IsTerminal());

    [Fact]
    public void A_queued_message_keeps_the_notification_variables_for_its_retries_and_fallbacks()
    {
        var variables = new Dictionary<string, string> { ["order"] = "A-17", ["name"] = "Priya" };

        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "order_confirmed", "Confirmed.", T0, variables);

        Assert.Equal(variables, message.Variables);
        Assert.Equal((message.Id, 1, false), (message.DeliveryId, message.Attempt, message.Escalated));
    }

    [Fact]
    public void A_message_queued_without_variables_has_none()
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "order_confirmed", "Confirmed.", T0);

        Assert.Empty(message.Variables);
    }

    [Fact]
    public void A_retry_on_the_same_channel_is_the_next_attempt_of_the_same_delivery_with_the_same_content()
    {
        var variables = new Dictionary<string, string> { ["order"] = "A-17" };
        var first = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "order_confirmed", "Confirmed.", T0, variables);
        first.Advance(MessageStatus.Undelivered, "handset off", T1);

        var retry = first.Escalate(Channel.Sms, "Confirmed.", T2);

        Assert.True(first.Escalated);
        Assert.Equal(T2, first.UpdatedAt);
        Assert.NotEqual(first.Id, retry.Id);
        Assert.Equal((first.DeliveryId, 2, Channel.Sms), (retry.DeliveryId, retry.Attempt, retry.Channel));
        Assert.Equal((first.UserId, "order_confirmed", "Confirmed."), (retry.UserId, retry.Notification, retry.Body));
        Assert.Equal(variables, retry.Variables);
        Assert.Equal((MessageStatus.Queued, T2, T2, false), (retry.Status, retry.CreatedAt, retry.UpdatedAt, retry.Escalated));
        Assert.Null(retry.ProviderId);
        Assert.Null(retry.StatusDetail);
    }

    [Fact]
    public void A_second_retry_on_the_same_channel_is_attempt_three()
    {
        var first = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "order_confirmed", "Confirmed.", T0);

        var third = first.Escalate(Channel.Sms, "Confirmed.", T1).Escalate(Channel.Sms, "Confirmed.", T2);

        Assert.Equal((first.DeliveryId, 3), (third.DeliveryId, third.Attempt));
    }

    [Fact]
    public void The_next_rung_on_another_channel_starts_at_attempt_one_of_the_same_delivery()
    {
        var variables = new Dictionary<string, string> { ["order"] = "A-17" };
        var sms = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "order_confirmed", "Confirmed.", T0, variables);
        var smsRetry = sms.Escalate(Channel.Sms, "Confirmed.", T1);

        var whatsApp = smsRetry.Escalate(Channel.WhatsApp, "Your order is confirmed.", T2);

        Assert.Equal((sms.DeliveryId, 1, Channel.WhatsApp), (whatsApp.DeliveryId, whatsApp.Attempt, whatsApp.Channel));
        Assert.Equal(("order_confirmed", "Your order is confirmed."), (whatsApp.Notification, whatsApp.Body));
        Assert.Equal(variables, whatsApp.Variables);
        Assert.True(smsRetry.Escalated);
    }

    [Fact]
    public void Giving_up_marks_the_failure_acted_on_and_says_why()
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.WhatsApp, "order_confirmed", "Confirmed.", T0);

        message.GiveUp("no channel left", T1);

        Assert.True(message.Escalated);
        Assert.Equal(("no channel left", T1), (message.StatusDetail, message.UpdatedAt));
    }

    [Fact]
    public void Giving_up_keeps_the_provider_s_explanation_before_the_reason()
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.WhatsApp, "order_confirmed", "Confirmed.", T0);
        message.Advance(MessageStatus.Failed, "30008: unknown error", T1);

        message.GiveUp("no channel left", T2);

        Assert.Equal("30008: unknown error; no channel left", message.StatusDetail);
        Assert.Equal(MessageStatus.Failed, message.Status);
    }

    [Fact]
    public void A_message_being_sent_that_the_provider_clearly_refused_goes_back_to_the_queue()
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "order_confirmed", "Confirmed.", T0);
        message.MarkSending(T1);
        message.RecordUnknownOutcome("timeout", T1);

        message.Requeue(T2);

        Assert.Equal((MessageStatus.Queued, T2), (message.Status, message.UpdatedAt));
        Assert.Null(message.StatusDetail);
    }

    [Theory]
    [InlineData(MessageStatus.Queued)]
    [InlineData(MessageStatus.Submitted)]
    [InlineData(MessageStatus.Delivered)]
    [InlineData(MessageStatus.Failed)]
    public void Only_a_message_being_sent_can_go_back_to_the_queue(MessageStatus status)
    {
        var message = MessageIn(status);

        var refused = Assert.Throws<InvalidOperationException>(() => message.Requeue(T2));

        Assert.Contains(status.ToString(), refused.Message);
        Assert.Equal(status, message.Status);
        Assert.Equal(UpdatedAtOf(status), message.UpdatedAt);
    }

    [Fact]
    public void An_unknown_outcome_keeps_the_message_sending_and_says_so()
    {
        var message = MessageIn(MessageStatus.Sending);

        message.RecordUnknownOutcome("connection reset", T2);

        Assert.Equal(MessageStatus.Sending, message.Status);
        Assert.Equal(("outcome unknown: connection reset", T2), (message.StatusDetail, message.UpdatedAt));
    }

    [Fact]
    public void An_unknown_outcome_already_worded_as_such_is_not_prefixed_twice()
    {
        var message = MessageIn(MessageStatus.Sending);

        message.RecordUnknownOutcome("outcome unknown: timed out after 30 s", T2);

        Assert.Equal("outcome unknown: timed out after 30 s", message.StatusDetail);
    }

    [Fact]
    public void A_long_unknown_outcome_is_cut_to_the_width_kept()
    {
        var message = MessageIn(MessageStatus.Sending);
        var reason = new string('r', 400);

        message.RecordUnknownOutcome(reason, T2);

        Assert.Equal(OutboundMessage.MaxDetail, message.StatusDetail!.Length);
        Assert.Equal(("outcome unknown: " + reason)[..OutboundMessage.MaxDetail], message.StatusDetail);
    }

    [Fact]
    public void An_unknown_outcome_that_fits_is_kept_whole()
    {
        var message = MessageIn(MessageStatus.Sending);
        var reason = new string('r', OutboundMessage.MaxDetail - "outcome unknown: ".Length);

        message.RecordUnknownOutcome(reason, T2);

        Assert.Equal("outcome unknown: " + reason, message.StatusDetail);
    }

    [Theory]
    [InlineData(MessageStatus.Queued, "queued")]
    [InlineData(MessageStatus.Sending, "sending")]
    [InlineData(MessageStatus.Submitted, "submitted")]
    [InlineData(MessageStatus.Delivered, "delivered")]
    [InlineData(MessageStatus.Seen, "seen")]
    [InlineData(MessageStatus.Undelivered, "undelivered")]
    [InlineData(MessageStatus.Failed, "failed")]
    public void Message_statuses_have_their_wire_names(MessageStatus status, string name)
    {
        Assert.Equal(name, status.Name());
        Assert.Equal(status, MessageStatusNames.Wire.Parse(name));
    }

    private static string? DetailOf(MessageStatus status) => status == MessageStatus.Queued ? null : $"at {status}";

    private static DateTimeOffset UpdatedAtOf(MessageStatus status) => status == MessageStatus.Queued ? T0 : T1;

    private static OutboundMessage MessageIn(MessageStatus status)
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, "order_confirmed", "Confirmed.", T0);
        if (status != MessageStatus.Queued)
        {
            Assert.True(message.Advance(status, DetailOf(status), T1));
        }

        return message;
    }
}
