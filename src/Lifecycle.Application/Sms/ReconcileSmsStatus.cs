using FluentValidation;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Sms;

/// <summary><c>Lifecycle:Reconcile</c>: when to ask the provider about a message whose callback has not come.</summary>
public sealed class ReconcileOptions
{
    public const string Section = "Lifecycle:Reconcile";

    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Look-ups per message before we stop asking (a message can stay "submitted" for hours).</summary>
    public int MaxLookups { get; set; } = 3;
}

internal sealed class ReconcileOptionsValidator : AbstractValidator<ReconcileOptions>
{
    public ReconcileOptionsValidator()
    {
        RuleFor(options => options.After).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.MaxLookups).InclusiveBetween(1, 20).WithMessage("must be between 1 and 20 (was {PropertyValue})");
    }
}

/// <summary>Timer: the SMS has had no terminal callback for <see cref="ReconcileOptions.After"/>.</summary>
public sealed record ReconcileSmsStatus(Guid MessageId, int Lookup) : ITimerCommand
{
    public static string Key(Guid messageId) => $"reconcile-sms:{messageId}";
}

internal sealed class ReconcileSmsStatusHandler(IOutboundMessageRepository messages, IOutbox outbox) : ICommandHandler<ReconcileSmsStatus>
{
    public async ValueTask<Unit> Handle(ReconcileSmsStatus command, CancellationToken ct)
    {
        if (await messages.FindAsync(command.MessageId, ct) is { Status: var status, ProviderId: not null } && !status.IsTerminal())
        {
            outbox.Enqueue(new LookUpSmsStatus(command.MessageId, command.Lookup));
        }

        return Unit.Value;
    }
}

/// <summary>
/// Outbox message: ask the provider for the status of an SMS whose callback is late. A terminal answer goes into the
/// inbox exactly as the callback would have, under the same event key, so whichever arrives second is a duplicate.
/// </summary>
public sealed record LookUpSmsStatus(Guid MessageId, int Lookup) : IOutboxMessage, IRateLimitedMessage, ICorrelated
{
    public string RateLane => SmsRateLane.Name;

    public string CorrelationId => MessageId.ToString();
}

internal sealed class LookUpSmsStatusHandler(
    IOutboundMessageRepository messages,
    ISmsGateway gateway,
    IInboxInTransaction inbox,
    ITimers timers,
    IOptions<ReconcileOptions> options,
    TimeProvider clock) : ICommandHandler<LookUpSmsStatus>
{
    public async ValueTask<Unit> Handle(LookUpSmsStatus command, CancellationToken ct)
    {
        if (await messages.FindAsync(command.MessageId, ct) is not { ProviderId: { } sid } message || message.Status.IsTerminal())
        {
            return Unit.Value;
        }

        var report = await gateway.GetStatusAsync(sid, ct);
        if (report is not null && Domain.Sms.SmsStatusVocabulary.TryMap(report.Status, out var status) && status.IsTerminal())
        {
            var fields = WebhookFields.FromPairs(
            [
                new("SmsSid", report.SmsSid),
                new("Status", report.Status),
                new("DetailedStatus", report.DetailedStatus ?? string.Empty),
                new("DetailedStatusCode", report.DetailedStatusCode ?? string.Empty),
            ]);
            var identity = SmsStatusEventReader.IdentityOf(fields);
            await inbox.AddAsync(new InboxEntry(WebhookSource.Sms, identity, fields.ToJson(), clock.GetUtcNow()), ct);
        }
        else if (command.Lookup < options.Value.MaxLookups)
        {
            timers.Schedule(
                ReconcileSmsStatus.Key(message.Id), clock.GetUtcNow() + options.Value.After, new ReconcileSmsStatus(message.Id, command.Lookup + 1));
        }

        return Unit.Value;
    }
}
