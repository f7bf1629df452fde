using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Sms;
using Mediator;

namespace Lifecycle.Application.Sms;

/// <summary>An SMS status callback, applied to the outbound message it reports on.</summary>
public sealed record ApplySmsStatus(string SmsSid, string Status, string? DetailedStatus, string? DetailedStatusCode, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => SmsSid;
}

internal sealed class ApplySmsStatusHandler(IOutboundMessageRepository messages, SmsFailures failures, ITimers timers, TimeProvider clock)
    : ICommandHandler<ApplySmsStatus>
{
    public async ValueTask<Unit> Handle(ApplySmsStatus command, CancellationToken ct)
    {
        var message = await messages.FindByProviderIdAsync(Channel.Sms, command.SmsSid, ct)
            ?? throw new ProviderRecordPendingException("SMS", command.SmsSid);
        SmsStatusVocabulary.TryMap(command.Status, out var status);
        if (!message.Advance(status, Detail(command), clock.GetUtcNow()))
        {
            return Unit.Value;
        }

        if (status is MessageStatus.Undelivered or MessageStatus.Failed)
        {
            await failures.HandleAsync(message, SmsFailures.CannotReach(command.Status, command.DetailedStatus), ct);
        }
        else if (status.IsTerminal())
        {
            await timers.CancelAsync(SmsTerminalStatusTimeout.Key(message.Id), ct);
        }

        return Unit.Value;
    }

    private static string? Detail(ApplySmsStatus command) => (command.DetailedStatus, command.DetailedStatusCode) switch
    {
        (null, null) => null,
        (var text, null) => text,
        (null, var code) => code,
        var (text, code) => $"{text} ({code})",
    };
}

internal sealed class ApplySmsStatusValidator : AbstractValidator<ApplySmsStatus>
{
    public ApplySmsStatusValidator()
    {
        RuleFor(command => command.SmsSid).NotEmpty();
        RuleFor(command => command.Status)
            .Must(status => SmsStatusVocabulary.TryMap(status, out _))
            .WithMessage($"Status must be one of {string.Join(", ", SmsStatusVocabulary.Known)}.");
    }
}

/// <summary>
/// Reads <c>POST /webhooks/exotel/sms</c>: a status callback, keyed <c>SmsSid + Status + DetailedStatusCode</c> (an
/// exact re-delivery is a duplicate, a new status for the same SmsSid is a new event), or an SMS the user sent to our
/// number (<c>From</c>, <c>Body</c>, no <c>Status</c>), keyed by its SmsSid.
/// </summary>
internal sealed class SmsStatusEventReader : IWebhookEventReader
{
    private const string InboundType = "sms.inbound";

    public WebhookSource Source => WebhookSource.Sms;

    public WebhookIdentity Identify(WebhookFields fields)
    {
        var failures = new List<ValidationFailure>();
        if (fields.Text("SmsSid") is null)
        {
            failures.Add(new ValidationFailure("SmsSid", "SmsSid is required."));
        }

        var inbound = fields.Text("Status") is null && fields.Text("Body") is not null;
        if (inbound && fields.Text("From") is null)
        {
            failures.Add(new ValidationFailure("From", "From is required on an inbound SMS."));
        }
        else if (!inbound && !SmsStatusVocabulary.TryMap(fields.Text("Status"), out _))
        {
            failures.Add(new ValidationFailure("Status", $"Status must be one of {string.Join(", ", SmsStatusVocabulary.Known)}."));
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return inbound ? new WebhookIdentity($"inbound|{fields.Text("SmsSid")}", InboundType) : IdentityOf(fields);
    }

    /// <summary>The event key of api.md; also used by reconciliation so that a late callback is a duplicate.</summary>
    public static WebhookIdentity IdentityOf(WebhookFields fields)
    {
        var status = fields.Text("Status")!.ToLowerInvariant();
        return new WebhookIdentity($"{fields.Text("SmsSid")}|{status}|{fields.Text("DetailedStatusCode")}", $"sms.{status}");
    }

    public IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity) =>
        identity.EventType == InboundType
            ? new ReceiveSms(fields.Text("SmsSid")!, fields.Text("From")!, fields.Text("Body")!, identity.EventKey)
            : new ApplySmsStatus(
            fields.Text("SmsSid")!,
            fields.Text("Status")!,
            fields.Text("DetailedStatus"),
            fields.Text("DetailedStatusCode"),
            identity.EventKey);
}
