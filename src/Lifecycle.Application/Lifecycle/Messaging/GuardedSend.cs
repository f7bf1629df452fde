using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle.Messaging;

/// <summary>
/// Hands outbound messages to a provider so that none can go out twice (ADR 0006), in three steps:
/// <list type="number">
/// <item>commit the messages as <see cref="MessageStatus.Sending"/>, each with a <see cref="SendOutcomeDeadline"/> — a
/// crash during the request then leaves messages that may have gone out, which the deadline settles;</item>
/// <item>call the provider outside any transaction;</item>
/// <item>commit what it answered, under the outbox row's idempotency key. A gateway throws only when it knows nothing
/// went out (a clear refusal): the messages go back to the queue and the exception reaches the outbox, which retries.</item>
/// </list>
/// The commands using it are <see cref="ICommitsOutsideUnitOfWork"/>.
/// </summary>
internal sealed class GuardedSend(IUnitOfWork unitOfWork, ITimers timers, IdempotencyScope idempotency, TimeProvider clock)
{
    /// <param name="pick">Inside the first transaction: the messages still to send (queued ones) and their requests.</param>
    /// <param name="outcomeTimeout">How long a message may stay without a known outcome before it counts as failed.</param>
    /// <param name="send">The provider call; one result per request, in order.</param>
    /// <param name="record">Inside the last transaction: what one result means for its message.</param>
    public async Task RunAsync<TRequest, TResult>(
        Func<CancellationToken, Task<IReadOnlyList<(OutboundMessage Message, TRequest Request)>>> pick,
        TimeSpan outcomeTimeout,
        Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> send,
        Func<OutboundMessage, TResult, CancellationToken, Task> record,
        CancellationToken ct)
    {
        var sending = await unitOfWork.ExecuteAsync(token => StartAsync(pick, outcomeTimeout, token), eventKey: null, ct);
        if (sending.Count == 0)
        {
            return;
        }

        IReadOnlyList<TResult> results;
        try
        {
            results = await send([.. sending.Select(item => item.Request)], ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await unitOfWork.ExecuteAsync(token => RequeueAsync(sending, token), eventKey: null, ct);
            throw;
        }

        await unitOfWork.ExecuteAsync(token => RecordAsync(sending, results, record, token), idempotency.EventKey, ct);
    }

    private async ValueTask<IReadOnlyList<(OutboundMessage Message, TRequest Request)>> StartAsync<TRequest>(
        Func<CancellationToken, Task<IReadOnlyList<(OutboundMessage Message, TRequest Request)>>> pick, TimeSpan outcomeTimeout, CancellationToken ct)
    {
        var picked = await pick(ct);
        var now = clock.GetUtcNow();
        foreach (var (message, _) in picked)
        {
            message.MarkSending(now);
            timers.Schedule(SendOutcomeDeadline.Key(message.Id), now + outcomeTimeout, new SendOutcomeDeadline(message.Id));
        }

        return picked;
    }

    /// <summary>
    /// The provider refused the message and nothing went out: back to the queue, and without the deadline, which would
    /// otherwise cut a later send of it short. Inside the caller's transaction.
    /// </summary>
    public async Task ReturnToQueueAsync(OutboundMessage message, CancellationToken ct)
    {
        message.Requeue(clock.GetUtcNow());
        await timers.CancelAsync(SendOutcomeDeadline.Key(message.Id), ct);
    }

    private async ValueTask<Unit> RequeueAsync<TRequest>(IReadOnlyList<(OutboundMessage Message, TRequest Request)> sending, CancellationToken ct)
    {
        foreach (var (message, _) in sending)
        {
            await ReturnToQueueAsync(message, ct);
        }

        return Unit.Value;
    }

    private static async ValueTask<Unit> RecordAsync<TRequest, TResult>(
        IReadOnlyList<(OutboundMessage Message, TRequest Request)> sending,
        IReadOnlyList<TResult> results,
        Func<OutboundMessage, TResult, CancellationToken, Task> record,
        CancellationToken ct)
    {
        foreach (var ((message, _), result) in sending.Zip(results))
        {
            await record(message, result, ct);
        }

        return Unit.Value;
    }
}

/// <summary>
/// Timer: a message handed to the provider whose outcome we never learned (an unknown outcome, or a crash during the
/// request). Settled like a lost callback without a status look-up: the rung counts as failed and the ladder moves to
/// the next rung — never the same channel again, since that retry could be the duplicate. A message that got its
/// answer meanwhile (no longer <see cref="MessageStatus.Sending"/>) is left alone.
/// </summary>
public sealed record SendOutcomeDeadline(Guid MessageId) : ITimerCommand
{
    public static string Key(Guid messageId) => $"send-outcome-deadline:{messageId}";
}

internal sealed class SendOutcomeDeadlineHandler(
    IOutboundMessageRepository messages, IUserRepository users, MessageLadder ladder, TimeProvider clock)
    : ICommandHandler<SendOutcomeDeadline>
{
    public async ValueTask<Unit> Handle(SendOutcomeDeadline command, CancellationToken ct)
    {
        if (await messages.FindAsync(command.MessageId, ct) is not { Status: MessageStatus.Sending } message)
        {
            return Unit.Value;
        }

        message.Advance(MessageStatus.Failed, message.StatusDetail ?? "outcome unknown: no answer to the send", clock.GetUtcNow());
        if (await users.FindAsync(message.UserId, ct) is { } user)
        {
            await ladder.EscalateAsync(message, user, channel: null, ct);
        }

        return Unit.Value;
    }
}
