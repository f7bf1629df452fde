using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Sms;

/// <summary>
/// Sends queued SMS and records each outcome: the SmsSid (and a timer in case no terminal status comes), the refusal,
/// or an unknown outcome, which the send's deadline settles by moving to the next rung (<see cref="GuardedSend"/>).
/// A message that is no longer queued was handled by an earlier attempt and is skipped, which makes a re-delivered
/// outbox row harmless. An invalid number goes to the next rung of the ladder at once.
/// </summary>
internal sealed class SmsSending(
    IOutboundMessageRepository messages,
    IUserRepository users,
    ISmsGateway gateway,
    GuardedSend guarded,
    ITimers timers,
    SmsFailures failures,
    IOptions<SmsOptions> sms,
    TimeProvider clock)
{
    public Task SendAsync(IReadOnlyList<SendSms> commands, CancellationToken ct) =>
        guarded.RunAsync<SmsSendRequest, SmsSendResult>(
            token => PickAsync(commands, token),
            sms.Value.TerminalStatusTimeout,
            gateway.SendAsync,
            RecordAsync,
            ct);

    private async Task<IReadOnlyList<(OutboundMessage Message, SmsSendRequest Request)>> PickAsync(IReadOnlyList<SendSms> commands, CancellationToken ct)
    {
        var pending = new List<(OutboundMessage Message, SmsSendRequest Request)>();
        var loaded = (await messages.FindManyAsync([.. commands.Select(command => command.MessageId)], ct)).ToDictionary(message => message.Id);
        var recipients = (await users.FindManyAsync([.. loaded.Values.Select(message => message.UserId).Distinct()], ct)).ToDictionary(user => user.Id);
        foreach (var command in commands)
        {
            if (loaded.GetValueOrDefault(command.MessageId) is not { Status: MessageStatus.Queued } message)
            {
                continue;
            }

            if (recipients.GetValueOrDefault(message.UserId)?.Phone is not { } phone)
            {
                message.Advance(MessageStatus.Failed, "recipient erased", clock.GetUtcNow());
                continue;
            }

            pending.Add((message, new SmsSendRequest(phone.Value, message.Body, command.DltTemplateId, command.Type, message.Id.ToString())));
        }

        return pending;
    }

    private async Task RecordAsync(OutboundMessage message, SmsSendResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (result)
        {
            case SmsSendResult.Accepted accepted:
                message.MarkSubmitted(accepted.SmsSid, now);
                timers.Schedule(SmsTerminalStatusTimeout.Key(message.Id), now + sms.Value.TerminalStatusTimeout, new SmsTerminalStatusTimeout(message.Id));
                break;
            case SmsSendResult.OutcomeUnknown unknown:
                message.RecordUnknownOutcome(unknown.Reason, now);
                break;
            case SmsSendResult.Rejected { Failure: SmsFailure.InvalidNumber or SmsFailure.DoNotDisturb } rejected:
                message.Advance(MessageStatus.Failed, $"{rejected.Code}: {rejected.Reason}", now);
                await failures.HandleAsync(message, smsCannotReach: true, ct);
                break;
            case SmsSendResult.Rejected rejected:
                // A refused template (DLT) fails every SMS the same way: record it for the alerts, no retry.
                message.Advance(MessageStatus.Failed, $"{rejected.Code}: {rejected.Reason}", now);
                break;
        }
    }
}
