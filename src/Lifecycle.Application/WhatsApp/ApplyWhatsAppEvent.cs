using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.WhatsApp;
using Mediator;

namespace Lifecycle.Application.WhatsApp;

/// <summary>A WhatsApp delivery status for one of our messages.</summary>
public sealed record ApplyWhatsAppStatus(string MessageSid, string? Status, int? StatusCode, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => MessageSid;
}

/// <summary>A message the user sent us: text (<c>Body</c>) or a button press (<c>ButtonPayload</c>).</summary>
public sealed record ReceiveWhatsAppMessage(string MessageSid, string From, string? Body, string? ButtonPayload, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => MessageSid;
}

internal sealed class ApplyWhatsAppStatusHandler(
    IOutboundMessageRepository messages, IUserRepository users, MessageLadder ladder, TimeProvider clock)
    : ICommandHandler<ApplyWhatsAppStatus>
{
    public async ValueTask<Unit> Handle(ApplyWhatsAppStatus command, CancellationToken ct)
    {
        var message = await messages.FindByProviderIdAsync(Channel.WhatsApp, command.MessageSid, ct)
            ?? throw new ProviderRecordPendingException("WhatsApp", command.MessageSid);
        WhatsAppStatuses.TryMap(command.Status, command.StatusCode, out var status);
        var now = clock.GetUtcNow();
        if (!message.Advance(status, command.StatusCode?.ToString() ?? command.Status, now)
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

internal sealed class ReceiveWhatsAppMessageHandler(IUserRepository users, TimeProvider clock) : ICommandHandler<ReceiveWhatsAppMessage>
{
    public async ValueTask<Unit> Handle(ReceiveWhatsAppMessage command, CancellationToken ct)
    {
        var number = command.From.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? command.From["whatsapp:".Length..] : command.From;
        if (!E164Phone.IsValid(number) || await users.FindByPhoneAsync(E164Phone.Parse(number), ct) is not { } user)
        {
            return Unit.Value;
        }

        user.ReceiveWhatsApp(command.MessageSid, command.ButtonPayload, command.Body, clock.GetUtcNow());
        return Unit.Value;
    }
}

/// <summary>
/// Reads <c>POST /webhooks/exotel/whatsapp</c>: a delivery status (key <c>MessageSid|Status|StatusCode</c>) or an
/// inbound message (key <c>MessageSid</c>, no status). <c>From</c> may carry a <c>whatsapp:</c> prefix.
/// </summary>
internal sealed class WhatsAppEventReader : IWebhookEventReader
{
    public WebhookSource Source => WebhookSource.WhatsApp;

    public WebhookIdentity Identify(WebhookFields fields)
    {
        var failures = new List<ValidationFailure>();
        if (fields.Text("MessageSid") is not { } sid)
        {
            failures.Add(new ValidationFailure("MessageSid", "MessageSid is required."));
            sid = string.Empty;
        }

        var status = fields.Text("Status");
        var code = fields.Text("StatusCode");
        if (status is null && code is null)
        {
            if (fields.Text("From") is null)
            {
                failures.Add(new ValidationFailure("From", "From is required on an inbound message."));
            }

            if (fields.Text("Body", "ButtonPayload") is null)
            {
                failures.Add(new ValidationFailure("Body", "An inbound message needs Body or ButtonPayload."));
            }
        }
        else if (!WhatsAppStatuses.TryMap(status, int.TryParse(code, out var parsed) ? parsed : null, out _))
        {
            failures.Add(new ValidationFailure("StatusCode", "StatusCode must be 30001–30041 or Status sent/delivered/read/failed."));
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return status is null && code is null
            ? new WebhookIdentity($"inbound|{sid}", "whatsapp.inbound")
            : new WebhookIdentity($"{sid}|{status?.ToLowerInvariant()}|{code}", $"whatsapp.{status?.ToLowerInvariant() ?? code}");
    }

    public IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity) =>
        identity.EventType == "whatsapp.inbound"
            ? new ReceiveWhatsAppMessage(fields.Text("MessageSid")!, fields.Text("From")!, fields.Text("Body"), fields.Text("ButtonPayload"), identity.EventKey)
            : new ApplyWhatsAppStatus(
                fields.Text("MessageSid")!, fields.Text("Status"), int.TryParse(fields.Text("StatusCode"), out var code) ? code : null, identity.EventKey);
}
