using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Messaging;

/// <summary>
/// ADR 0006: a message whose send has no known outcome by its deadline counts as failed and the ladder moves to the
/// next rung — never the same channel again, since that could be the duplicate.
/// </summary>
public class SendOutcomeDeadlineTests
{
    private readonly MessagingWorld world = new();

    [Fact]
    public async Task An_sms_with_an_unknown_outcome_fails_at_its_deadline_and_moves_to_whatsapp_not_another_sms()
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        message.MarkSending(world.Clock.GetUtcNow());
        message.RecordUnknownOutcome("timeout", world.Clock.GetUtcNow());
        world.Clock.Advance(TimeSpan.FromMinutes(5));

        await Settle(message.Id);

        Assert.Equal((MessageStatus.Failed, "outcome unknown: timeout"), (message.Status, message.StatusDetail));
        Assert.Equal(TestUsers.T0.AddMinutes(5), message.UpdatedAt);
        var next = Assert.Single(world.QueuedSends());
        Assert.Equal((Channel.WhatsApp, message.DeliveryId), (next.Channel, next.DeliveryId));
    }

    [Fact]
    public async Task A_send_that_crashed_without_any_answer_is_failed_as_unanswered()
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        message.MarkSending(world.Clock.GetUtcNow());

        await Settle(message.Id);

        Assert.Equal((MessageStatus.Failed, "outcome unknown: no answer to the send"), (message.Status, message.StatusDetail));
    }

    [Fact]
    public async Task A_message_that_got_its_answer_before_the_deadline_is_left_alone()
    {
        var user = world.NewUser();
        var submitted = world.Submitted(user, "SM1");
        var queued = world.Queued(user);

        await Settle(submitted.Id);
        await Settle(queued.Id);
        await Settle(Guid.NewGuid());

        Assert.Equal(MessageStatus.Submitted, submitted.Status);
        Assert.Equal(MessageStatus.Queued, queued.Status);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_message_of_a_user_no_longer_stored_is_failed_without_a_fallback()
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), Channel.Sms, MessagingWorld.Order, "x", world.Clock.GetUtcNow());
        message.MarkSending(world.Clock.GetUtcNow());
        world.Messages.Add(message);

        await Settle(message.Id);

        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Empty(world.Outbox.Enqueued);
    }

    private Task Settle(Guid messageId) =>
        new SendOutcomeDeadlineHandler(world.Messages, world.Users, world.Ladder, world.Clock)
            .Handle(new SendOutcomeDeadline(messageId), CancellationToken.None).AsTask();
}
