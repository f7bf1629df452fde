using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Sms;

/// <summary>
/// Handing queued SMS to Exotel (ADR 0006): committed as Sending with a deadline first, then the request, then each
/// answer under the outbox row's key — a message never goes out twice.
/// </summary>
public class SmsSendingTests
{
    private readonly MessagingWorld world = new();

    [Fact]
    public async Task A_queued_sms_goes_to_the_users_number_with_its_dlt_template_type_and_our_id_and_is_recorded_as_submitted()
    {
        var user = world.NewUser();
        var message = world.Queued(user);

        await Send(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional));

        var request = Assert.Single(Assert.Single(world.SmsGateway.Sent));
        Assert.Equal(new SmsSendRequest("+919876543210", "Order A-17 confirmed, Priya.", "DLT-ORDER", SmsType.Transactional, message.Id.ToString()), request);
        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Equal("SM0001", message.ProviderId);
    }

    [Fact]
    public async Task An_accepted_sms_waits_five_minutes_for_its_terminal_status()
    {
        var user = world.NewUser();
        var message = world.Queued(user);

        await Send(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional));

        var (key, dueAt, command) = world.Timers.Scheduled.Single(timer => timer.Command is SmsTerminalStatusTimeout);
        Assert.Equal(SmsTerminalStatusTimeout.Key(message.Id), key);
        Assert.Equal($"sms-terminal-timeout:{message.Id}", key);
        Assert.Equal(TestUsers.T0.AddMinutes(5), dueAt);
        Assert.Equal(new SmsTerminalStatusTimeout(message.Id), command);
    }

    [Fact]
    public async Task The_sms_is_committed_as_sending_with_its_outcome_deadline_before_the_request()
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        (MessageStatus Status, int Commits)? atRequest = null;
        world.SmsGateway.OnSend = () => atRequest = (message.Status, world.UnitOfWork.Commits);

        await Send(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional));

        Assert.Equal((MessageStatus.Sending, 1), atRequest);
        var deadline = world.Timers.Scheduled.Single(timer => timer.Command is SendOutcomeDeadline);
        Assert.Equal((SendOutcomeDeadline.Key(message.Id), TestUsers.T0.AddMinutes(5)), (deadline.Key, deadline.DueAt));
        Assert.Equal($"send-outcome-deadline:{message.Id}", deadline.Key);
        Assert.Equal(new SendOutcomeDeadline(message.Id), deadline.Command);
        Assert.Equal([null, "outbox:7"], world.UnitOfWork.EventKeys);
        Assert.Equal(2, world.UnitOfWork.Commits);
    }

    [Fact]
    public async Task A_batch_goes_out_in_one_request_and_each_answer_is_recorded_on_its_own_message()
    {
        var user = world.NewUser();
        var other = world.NewUser(phone: "+919812345678");
        var first = world.Queued(user);
        var second = world.Queued(other);
        var third = world.Queued(user);
        world.SmsGateway.Answers.Enqueue(new SmsSendResult.Accepted("SMa"));
        world.SmsGateway.Answers.Enqueue(new SmsSendResult.OutcomeUnknown("timeout after the request was written"));
        world.SmsGateway.Answers.Enqueue(new SmsSendResult.Rejected("400", "template not registered"));

        await new SendSmsBatchHandler(world.SmsSending).Handle(
            new SendSmsBatch([.. new[] { first, second, third }.Select(message => new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional))]),
            CancellationToken.None);

        Assert.Equal(["+919876543210", "+919812345678", "+919876543210"], Assert.Single(world.SmsGateway.Sent).Select(request => request.To));
        Assert.Equal((MessageStatus.Submitted, "SMa"), (first.Status, first.ProviderId));
        Assert.Equal((MessageStatus.Sending, "outcome unknown: timeout after the request was written"), (second.Status, second.StatusDetail));
        Assert.Equal((MessageStatus.Failed, "400: template not registered"), (third.Status, third.StatusDetail));
    }

    [Fact]
    public async Task A_refused_template_fails_the_sms_with_no_retry_and_no_fallback()
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        world.SmsGateway.Answers.Enqueue(new SmsSendResult.Rejected("400", "DLT template mismatch", SmsFailure.DltRejected));

        await Send(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional));

        Assert.Equal((MessageStatus.Failed, "400: DLT template mismatch"), (message.Status, message.StatusDetail));
        Assert.Empty(world.Outbox.Enqueued);
        Assert.False(message.Escalated);
        Assert.DoesNotContain(world.Timers.Scheduled, timer => timer.Command is SmsTerminalStatusTimeout);
    }

    [Theory]
    [InlineData(SmsFailure.InvalidNumber)]
    [InlineData(SmsFailure.DoNotDisturb)]
    public async Task A_number_sms_cannot_reach_fails_the_sms_and_moves_to_whatsapp_at_once(SmsFailure failure)
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        world.SmsGateway.Answers.Enqueue(new SmsSendResult.Rejected("21211", "not a mobile number", failure));

        await Send(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional));

        Assert.Equal((MessageStatus.Failed, "21211: not a mobile number"), (message.Status, message.StatusDetail));
        var next = Assert.Single(world.QueuedSends());
        Assert.Equal((Channel.WhatsApp, message.DeliveryId), (next.Channel, next.DeliveryId));
    }

    [Fact]
    public async Task An_unknown_outcome_keeps_the_sms_sending_until_its_deadline_and_schedules_no_status_timer()
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        world.SmsGateway.Answers.Enqueue(new SmsSendResult.OutcomeUnknown("reply unreadable"));

        await Send(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional));

        Assert.Equal((MessageStatus.Sending, "outcome unknown: reply unreadable"), (message.Status, message.StatusDetail));
        Assert.Null(message.ProviderId);
        Assert.DoesNotContain(world.Timers.Scheduled, timer => timer.Command is SmsTerminalStatusTimeout);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_message_no_longer_queued_is_skipped_so_a_redelivered_outbox_row_sends_nothing()
    {
        var user = world.NewUser();
        var sent = world.Submitted(user, "SM1");

        await Send(new SendSms(sent.Id, "DLT-ORDER", SmsType.Transactional));
        await Send(new SendSms(Guid.NewGuid(), "DLT-ORDER", SmsType.Transactional));

        Assert.Empty(world.SmsGateway.Sent);
        Assert.Empty(world.Timers.Scheduled);
        Assert.Equal([null, null], world.UnitOfWork.EventKeys);
    }

    [Fact]
    public async Task An_sms_to_a_user_whose_phone_was_erased_fails_without_a_request()
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        user.Erased();

        await Send(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional));

        Assert.Empty(world.SmsGateway.Sent);
        Assert.Equal((MessageStatus.Failed, "recipient erased"), (message.Status, message.StatusDetail));
    }

    [Fact]
    public async Task A_clear_refusal_puts_the_sms_back_in_the_queue_without_its_deadline_and_lets_the_outbox_retry()
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        var refusal = new HttpRequestException("connection refused");
        world.SmsGateway.Throws = refusal;

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => Send(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional)));

        Assert.Same(refusal, thrown);
        Assert.Equal((MessageStatus.Queued, null), (message.Status, message.StatusDetail));
        Assert.Equal([SendOutcomeDeadline.Key(message.Id)], world.Timers.Cancelled);
        Assert.Equal([null, null], world.UnitOfWork.EventKeys);
    }

    [Fact]
    public async Task A_send_cancelled_by_shutdown_leaves_the_sms_sending_for_its_deadline_to_settle()
    {
        var user = world.NewUser();
        var message = world.Queued(user);
        using var shutdown = new CancellationTokenSource();
        world.SmsGateway.OnSend = shutdown.Cancel;
        world.SmsGateway.Throws = new OperationCanceledException(shutdown.Token);

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            new SendSmsHandler(world.SmsSending).Handle(new SendSms(message.Id, "DLT-ORDER", SmsType.Transactional), shutdown.Token).AsTask());

        Assert.Equal(MessageStatus.Sending, message.Status);
        Assert.Empty(world.Timers.Cancelled);
        Assert.Single(world.UnitOfWork.EventKeys);
    }

    [Fact]
    public void Sms_of_one_type_and_dlt_template_are_batched_by_up_to_100_on_the_sms_rate_lane()
    {
        var id = Guid.NewGuid();
        var send = new SendSms(id, "DLT-ORDER", SmsType.Promotional);

        Assert.Equal("Promotional|DLT-ORDER", send.BatchKey);
        Assert.Equal(100, send.MaxBatchSize);
        Assert.Equal("sms", send.RateLane);
        Assert.Equal(id.ToString(), send.CorrelationId);
        var other = new SendSms(Guid.NewGuid(), "DLT-ORDER", SmsType.Promotional);
        var batch = Assert.IsType<SendSmsBatch>(send.Batch([send, other]));
        Assert.Equal([send, other], batch.Messages);
        Assert.Equal("sms", batch.RateLane);
    }

    private Task Send(SendSms command) => new SendSmsHandler(world.SmsSending).Handle(command, CancellationToken.None).AsTask();
}
