using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Sms;

/// <summary>
/// What a failed SMS leads to (policies.md): one retry on SMS, then the next rung (WhatsApp); a DND block or an
/// invalid number goes straight to the next rung, since another SMS would fail the same way.
/// </summary>
internal sealed class SmsFailures(IUserRepository users, MessageLadder ladder, ITimers timers, IOptions<SmsOptions> options)
{
    public async Task HandleAsync(OutboundMessage message, bool smsCannotReach, CancellationToken ct)
    {
        await timers.CancelAsync(SmsTerminalStatusTimeout.Key(message.Id), ct);
        if (message.Escalated || await users.FindAsync(message.UserId, ct) is not { } user)
        {
            return;
        }

        var retry = !smsCannotReach && message.Attempt <= options.Value.MaxRetries && !user.OptOutSms;
        await ladder.EscalateAsync(message, user, retry ? Channel.Sms : null, ct);
    }
}
