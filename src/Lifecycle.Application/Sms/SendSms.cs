using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Sms;

/// <summary>Outbox message: hand a queued SMS to the provider and record the SmsSid it answers with.</summary>
public sealed record SendSms(Guid MessageId, string DltTemplateId, SmsType Type) : IOutboxMessage, ICorrelated
{
    public string CorrelationId => MessageId.ToString();
}

internal sealed class SendSmsHandler(
    IOutboundMessageRepository messages, IUserRepository users, ISmsGateway gateway, TimeProvider clock)
    : ICommandHandler<SendSms>
{
    public async ValueTask<Unit> Handle(SendSms command, CancellationToken ct)
    {
        var message = await messages.FindAsync(command.MessageId, ct) ?? throw new NotFoundException("Message", command.MessageId);
        if (message.Status != MessageStatus.Queued)
        {
            return Unit.Value;
        }

        var user = await users.FindAsync(message.UserId, ct) ?? throw new NotFoundException("User", message.UserId);
        if (user.Phone is null)
        {
            message.Advance(MessageStatus.Failed, "recipient erased", clock.GetUtcNow());
            return Unit.Value;
        }

        var request = new SmsSendRequest(user.Phone.Value, message.Body, command.DltTemplateId, command.Type, message.Id.ToString());
        switch (await gateway.SendAsync(request, ct))
        {
            case SmsSendResult.Accepted accepted:
                message.MarkSubmitted(accepted.SmsSid, clock.GetUtcNow());
                break;
            case SmsSendResult.Rejected rejected:
                message.Advance(MessageStatus.Failed, $"{rejected.Code}: {rejected.Reason}", clock.GetUtcNow());
                break;
        }

        return Unit.Value;
    }
}
