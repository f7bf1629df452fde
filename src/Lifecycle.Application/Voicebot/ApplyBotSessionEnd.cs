using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Voicebot;

/// <summary>
/// A voicebot flow reported on its call (<c>/webhooks/exotel/voicebot</c>): the session's end with its outcome, the
/// call's own status, or both. The outcome is acted on once per call, when it is first known (<see cref="SessionOutcomes"/>);
/// a call that ends unanswered without the flow naming an outcome counts as an unanswered session.
/// </summary>
/// <param name="OutcomeName">The flow's own word for the outcome, kept as it came.</param>
public sealed record ApplyBotSessionEnd(
    string CallSid, string? CustomField, string? BotSessionId, SessionOutcome? Outcome, string? OutcomeName, CallStatus Status, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public int? DurationSeconds { get; init; }

    public string? RecordingUrl { get; init; }

    public string CorrelationId => CallSid;
}

internal sealed class ApplyBotSessionEndHandler(CallLedger ledger, SessionOutcomes outcomes, TimeProvider clock)
    : ICommandHandler<ApplyBotSessionEnd>
{
    private const string UnansweredName = "unanswered";

    public async ValueTask<Unit> Handle(ApplyBotSessionEnd command, CancellationToken ct)
    {
        var call = await ledger.FindAsync(command.CallSid, command.CustomField, ct)
            ?? throw new ValidationException([new ValidationFailure("CallSid", $"Call {command.CallSid} is none of ours.")]);
        var now = clock.GetUtcNow();
        var (outcome, name) = OutcomeOf(command);
        var firstOutcome = outcome is not null && call.BotOutcome is null;
        call.RecordBotSession(command.BotSessionId, name);

        if (command.Status.IsEnd())
        {
            var end = new CallEnd(command.CallSid, command.Status, command.DurationSeconds, command.RecordingUrl);
            await ledger.EndAsync(call, end, call.BotOutcome ?? command.Status.Name(), now, ct);
        }

        if (firstOutcome)
        {
            await outcomes.ApplyAsync(call, outcome!.Value, now, ct);
        }

        return Unit.Value;
    }

    private static (SessionOutcome? Outcome, string? Name) OutcomeOf(ApplyBotSessionEnd command)
    {
        if (command.Outcome is { } named)
        {
            return (named, command.OutcomeName);
        }

        return command.Status is CallStatus.NoAnswer or CallStatus.Busy ? (SessionOutcome.Unanswered, UnansweredName) : (null, null);
    }
}
