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
