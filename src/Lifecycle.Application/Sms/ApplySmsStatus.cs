using Lifecycle.Application.Common.Webhooks;
using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Sms;

/// <summary>Why an SMS was not delivered, in our words: it decides whether another SMS could help.</summary>
public enum SmsFailure
{
    /// <summary>Not delivered this time (handset off, expired…): one SMS retry may help.</summary>
    Undelivered,

    /// <summary>The number is on the do-not-disturb register: every SMS would be blocked the same way.</summary>
    DoNotDisturb,

    /// <summary>The number cannot receive SMS.</summary>
    InvalidNumber,

    /// <summary>The operator's DLT scrubbing refused the message: permanent, and counted for the DLT alert.</summary>
    DltRejected,

    /// <summary>The provider refused the request itself (unknown template, missing DLT ids…): every SMS would be refused.</summary>
    Refused,
}

/// <summary>
/// A provider's report on one of our SMS, already in our words: <paramref name="Failure"/> is set when
/// <paramref name="Status"/> is undelivered or failed; <paramref name="Detail"/> is the provider's own text, kept for people.
/// </summary>
public sealed record ApplySmsStatus(string SmsSid, MessageStatus Status, SmsFailure? Failure, string? Detail, string EventKey)
    : ICommand, IIdempotentCommand, IRecordConfined
{
    public string CorrelationId => SmsSid;

    /// <summary>
    /// Any report but a failure advances its message and cancels that message's own timer, nothing else: a message
    /// found by its SmsSid was already submitted, so the hand-over to the provider (which may erase an offboarded
    /// user) is behind it. A failure climbs the user's ladder.
    /// </summary>
    public bool ConfinedToRecord => Status is not (MessageStatus.Undelivered or MessageStatus.Failed);
}

internal sealed class ApplySmsStatusHandler(
    IOutboundMessageRepository messages, SmsFailures failures, ITimers timers, ICurrentWebhookEvent current, TimeProvider clock)
    : ICommandHandler<ApplySmsStatus>
{
    public async ValueTask<Unit> Handle(ApplySmsStatus command, CancellationToken ct)
    {
        var message = await messages.FindByProviderIdAsync(Channel.Sms, command.SmsSid, ct)
            ?? throw new ProviderRecordPendingException("SMS", command.SmsSid);
        if (message.RecipientErased)
        {
            // Exotel still reports on a message of an offboarded user; its callback names their number.
            await current.ForgetAsync(ct);
        }
        if (!message.Advance(command.Status, command.Detail, clock.GetUtcNow()))
        {
            return Unit.Value;
        }

        if (command.Status is MessageStatus.Undelivered or MessageStatus.Failed)
        {
            await failures.HandleAsync(message, smsCannotReach: command.Failure is not (null or SmsFailure.Undelivered), ct);
        }
        else if (command.Status.IsTerminal())
        {
            await timers.CancelAsync(SmsTerminalStatusTimeout.Key(message.Id), ct);
        }

        return Unit.Value;
    }
}

internal sealed class ApplySmsStatusValidator : AbstractValidator<ApplySmsStatus>
{
    public ApplySmsStatusValidator()
    {
        RuleFor(command => command.SmsSid).NotEmpty();
        RuleFor(command => command.Status).IsInEnum();
    }
}
