using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Sms;

/// <summary>Timer: an accepted SMS has had no terminal status for <see cref="SmsOptions.TerminalStatusTimeout"/>.</summary>
public sealed record SmsTerminalStatusTimeout(Guid MessageId) : ITimerCommand
{
    public static string Key(Guid messageId) => $"sms-terminal-timeout:{messageId}";
}

internal sealed class SmsTerminalStatusTimeoutHandler(IOutboundMessageRepository messages, IOutbox outbox)
    : ICommandHandler<SmsTerminalStatusTimeout>
{
    public async ValueTask<Unit> Handle(SmsTerminalStatusTimeout command, CancellationToken ct)
    {
        if (await messages.FindAsync(command.MessageId, ct) is { } message && !message.Status.IsTerminal())
        {
            outbox.Enqueue(new LookUpSmsStatus(message.Id));
        }

        return Unit.Value;
    }
}
