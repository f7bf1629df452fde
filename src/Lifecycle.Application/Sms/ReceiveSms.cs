using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Common;
using Mediator;

namespace Lifecycle.Application.Sms;

/// <summary>An SMS the user sent to our number: <c>STOP</c> opts them out of SMS, <c>START</c> back in.</summary>
public sealed record ReceiveSms(string SmsSid, string From, string Body, string EventKey) : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => SmsSid;
}

internal sealed class ReceiveSmsHandler(IUserRepository users, ICurrentWebhookEvent current, TimeProvider clock) : ICommandHandler<ReceiveSms>
{
    public async ValueTask<Unit> Handle(ReceiveSms command, CancellationToken ct)
    {
        if (E164Phone.IsValid(command.From) && await users.FindByPhoneAsync(E164Phone.Parse(command.From), ct) is { } user)
        {
            user.ReceiveSms(command.Body, clock.GetUtcNow());
        }
        else
        {
            // A number that is no user's (or an offboarded one's): nothing of its message is kept.
            await current.ForgetAsync(ct);
        }

        return Unit.Value;
    }
}
