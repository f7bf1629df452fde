using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.WhatsApp;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.WhatsApp;

/// <summary>
/// Outbox message: send a queued WhatsApp message. Inside the user's 24 h window a notification with buttons goes as
/// an interactive message, otherwise as its approved template. <c>HSM_MESSAGE_ONLY</c> → the template at once; a
/// refused template → tried again after <see cref="WhatsAppOptions.TemplateRetryAfter"/>, then the next rung.
/// </summary>
public sealed record SendWhatsApp(Guid MessageId, int TemplateTry, bool TemplateOnly) : IOutboxMessage, ICorrelated, ICommitsOutsideUnitOfWork
{
    public string CorrelationId => MessageId.ToString();
}

/// <summary>Commits before and after the request (<see cref="GuardedSend"/>): a message is never sent twice.</summary>
internal sealed class SendWhatsAppHandler(
    IOutboundMessageRepository messages,
    IUserRepository users,
    IWhatsAppGateway gateway,
    GuardedSend guarded,
    IOutbox outbox,
    MessageLadder ladder,
    IOptions<NotificationCatalog> catalog,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock) : ICommandHandler<SendWhatsApp>
{
    public async ValueTask<Unit> Handle(SendWhatsApp command, CancellationToken ct)
    {
        await guarded.RunAsync<WhatsAppSendRequest, WhatsAppSendResult>(
            token => PickAsync(command, token),
            options.Value.UnknownOutcomeTimeout,
            async (requests, token) => [await gateway.SendAsync(requests[0], token)],
            (message, result, token) => RecordAsync(command, message, result, token),
            ct);
        return Unit.Value;
    }

    private async Task<IReadOnlyList<(OutboundMessage Message, WhatsAppSendRequest Request)>> PickAsync(SendWhatsApp command, CancellationToken ct)
    {
        if (await messages.FindAsync(command.MessageId, ct) is not { Status: MessageStatus.Queued } message
            || !catalog.Value.TryGetValue(message.Notification, out var definition) || definition.WhatsApp is not { } template)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        if (await users.FindAsync(message.UserId, ct) is not { Phone: { } phone } user)
        {
            message.Advance(MessageStatus.Failed, "recipient erased", now);
            return [];
        }

        var interactive = !command.TemplateOnly && template.Buttons.Count > 0
            && WhatsAppWindow.IsOpen(user.LastInboundWhatsAppAt, now, options.Value.SessionWindow);
        WhatsAppBody body = interactive
            ? new WhatsAppBody.Buttons(message.Body, [.. template.Buttons.Select(button => (button.Key, button.Value))])
            : new WhatsAppBody.Template(template.Template, template.Language, [.. template.Parameters.Select(name => message.Variables.GetValueOrDefault(name) ?? string.Empty)]);
        return [(message, new WhatsAppSendRequest(phone.Value, body, message.Id.ToString()))];
    }

    private async Task RecordAsync(SendWhatsApp command, OutboundMessage message, WhatsAppSendResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (result)
        {
            case WhatsAppSendResult.Accepted accepted:
                message.MarkSubmitted(accepted.MessageSid, now);
                break;
            case WhatsAppSendResult.OutcomeUnknown unknown:
                message.RecordUnknownOutcome(unknown.Reason, now);
                break;
            case WhatsAppSendResult.Rejected { Code: WhatsAppSendResult.OutsideWindow }:
                await guarded.ReturnToQueueAsync(message, ct);
                outbox.Enqueue(command with { TemplateOnly = true });
                break;
            case WhatsAppSendResult.Rejected rejected when WhatsAppSendResult.IsTemplateRefusal(rejected.Code)
                && command.TemplateTry < options.Value.MaxTemplateRetries:
                await guarded.ReturnToQueueAsync(message, ct);
                outbox.Enqueue(command with { TemplateTry = command.TemplateTry + 1 }, now + options.Value.TemplateRetryAfter);
                break;
            case WhatsAppSendResult.Rejected rejected:
                message.Advance(MessageStatus.Failed, $"{rejected.Code}: {rejected.Reason}", now);
                if (await users.FindAsync(message.UserId, ct) is { } user)
                {
                    await ladder.EscalateAsync(message, user, channel: null, ct);
                }

                break;
        }
    }
}
