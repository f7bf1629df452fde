using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Sms;

/// <summary>
/// Sends queued SMS and records each outcome: the SmsSid (and a timer in case no terminal status comes)
/// or the refusal. A message that is no longer queued was sent by an earlier attempt and is skipped, which makes a
/// re-delivered outbox row harmless. An invalid number goes to the next rung of the ladder at once.
/// </summary>
internal sealed class SmsSending(
    IOutboundMessageRepository messages,
    IUserRepository users,
    ISmsGateway gateway,
    ITimers timers,
    SmsFailures failures,
    IOptions<SmsOptions> sms,
    TimeProvider clock)
{
    public async Task SendAsync(IReadOnlyList<SendSms> commands, CancellationToken ct)
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

        if (pending.Count == 0)
        {
            return;
        }

        var results = await gateway.SendAsync([.. pending.Select(item => item.Request)], ct);
        var now = clock.GetUtcNow();
        foreach (var ((message, _), result) in pending.Zip(results))
        {
            switch (result)
            {
                case SmsSendResult.Accepted accepted:
                    message.MarkSubmitted(accepted.SmsSid, now);
                    timers.Schedule(SmsTerminalStatusTimeout.Key(message.Id), now + sms.Value.TerminalStatusTimeout, new SmsTerminalStatusTimeout(message.Id));
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
}
