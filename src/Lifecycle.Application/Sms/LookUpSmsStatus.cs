using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Sms;

/// <summary>
/// Outbox message: an accepted SMS has had no terminal callback for <see cref="SmsOptions.TerminalStatusTimeout"/>,
/// so we ask Exotel. A terminal answer goes into the inbox exactly as the callback would have, under the same event
/// key — it is applied like the callback, and the callback, should it still come, is a duplicate. No terminal status
/// even there counts as a failed send (policies.md).
/// </summary>
public sealed record LookUpSmsStatus(Guid MessageId) : IOutboxMessage, IRateLimitedMessage, ICorrelated
{
    public string RateLane => SmsRateLane.Name;

    public string CorrelationId => MessageId.ToString();
}

internal sealed class LookUpSmsStatusHandler(
    IOutboundMessageRepository messages,
    ISmsGateway gateway,
    IInboxInTransaction inbox,
    SmsFailures failures,
    TimeProvider clock) : ICommandHandler<LookUpSmsStatus>
{
    public async ValueTask<Unit> Handle(LookUpSmsStatus command, CancellationToken ct)
    {
        if (await messages.FindAsync(command.MessageId, ct) is not { ProviderId: { } sid } message || message.Status.IsTerminal())
        {
            return Unit.Value;
        }

        var report = await gateway.GetStatusAsync(sid, ct);
        if (report is { Status: var status, AsCallback: var callback } && status.IsTerminal())
        {
            await inbox.AddAsync(new InboxEntry(SmsWebhook.Source, callback.Identity, callback.Fields.ToJson(), clock.GetUtcNow()), ct);
            return Unit.Value;
        }

        message.Advance(MessageStatus.Undelivered, $"no terminal status in time (the provider says {report?.Description ?? "nothing"})", clock.GetUtcNow());
        await failures.HandleAsync(message, smsCannotReach: false, ct);
        return Unit.Value;
    }
}
