using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.WhatsApp;

/// <summary>A WhatsApp delivery status for one of our messages; <paramref name="Detail"/> is the provider's own code or text.</summary>
public sealed record ApplyWhatsAppStatus(string MessageSid, MessageStatus Status, string? Detail, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => MessageSid;
}

/// <summary>A message the user sent us from <paramref name="From"/> (E.164): text or a button press (its payload).</summary>
public sealed record ReceiveWhatsAppMessage(string MessageSid, string From, string? Body, string? ButtonPayload, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => MessageSid;
}

internal sealed class ApplyWhatsAppStatusHandler(
    IOutboundMessageRepository messages, IUserRepository users, MessageLadder ladder, ICurrentWebhookEvent current, TimeProvider clock)
    : ICommandHandler<ApplyWhatsAppStatus>
{
    public async ValueTask<Unit> Handle(ApplyWhatsAppStatus command, CancellationToken ct)
    {
        var message = await messages.FindByProviderIdAsync(Channel.WhatsApp, command.MessageSid, ct)
            ?? throw new ProviderRecordPendingException("WhatsApp", command.MessageSid);
        if (message.RecipientErased)
        {
            // Exotel still reports on a message of an offboarded user; its callback names their number.
            await current.ForgetAsync(ct);
        }

        var status = command.Status;
        var now = clock.GetUtcNow();
        if (!message.Advance(status, command.Detail, now)
            || await users.FindAsync(message.UserId, ct) is not { } user)
        {
            return Unit.Value;
        }

        if (status is MessageStatus.Delivered or MessageStatus.Seen)
        {
            user.RecordContact(Channel.WhatsApp, now);
        }
        else if (status == MessageStatus.Failed)
        {
            await ladder.EscalateAsync(message, user, channel: null, ct);
        }

        return Unit.Value;
    }
}

internal sealed class ReceiveWhatsAppMessageHandler(IUserRepository users, ICurrentWebhookEvent current, TimeProvider clock)
    : ICommandHandler<ReceiveWhatsAppMessage>
{
    public async ValueTask<Unit> Handle(ReceiveWhatsAppMessage command, CancellationToken ct)
    {
        if (!E164Phone.IsValid(command.From) || await users.FindByPhoneAsync(E164Phone.Parse(command.From), ct) is not { } user)
        {
            // A number that is no user's (or an offboarded one's): nothing of its message is kept.
            await current.ForgetAsync(ct);
            return Unit.Value;
        }

        user.ReceiveWhatsApp(command.MessageSid, command.ButtonPayload, command.Body, clock.GetUtcNow());
        return Unit.Value;
    }
}
