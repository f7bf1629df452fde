using Mediator;

namespace Lifecycle.Application.Common.Messaging;

/// <summary>
/// A command whose effect must happen once per event: a second message with the same key returns the first
/// outcome and changes nothing. The key tells a re-delivery from a new status of the same message or call.
/// </summary>
public interface IIdempotentCommand
{
    string EventKey { get; }
}

/// <summary>A command that carries the correlation id its logs are keyed on (SmsSid, CallSid, user id…).</summary>
public interface ICorrelated
{
    string CorrelationId { get; }
}

/// <summary>
/// A correlated command that, as it stands, reads and changes nothing but the record it is correlated with: applied
/// side by side with others of different records, no order among them can show. (A report that escalates, or that
/// changes its user, is not confined: it is applied in the order it came with everything else.)
/// </summary>
public interface IRecordConfined : ICorrelated
{
    bool ConfinedToRecord { get; }
}

/// <summary>A command written to the outbox in the state change's transaction and dispatched after commit.</summary>
public interface IOutboxMessage : ICommand;

/// <summary>A command stored as a timer row and sent when its due time has passed, unless cancelled first.</summary>
public interface ITimerCommand : ICommand;

/// <summary>
/// A command that commits on its own path rather than in one unit of work around its handler: the inbox writer, or a
/// handler that must commit before it calls a provider and records the answer in a second transaction (ADR 0004).
/// </summary>
public interface ICommitsOutsideUnitOfWork;

/// <summary>
/// An outbox message that may share one provider request with others of the same <see cref="BatchKey"/>
/// (bulk SMS, WhatsApp). The dispatcher groups due rows and sends the command <see cref="Batch"/> builds.
/// </summary>
public interface IBatchableOutboxMessage : IOutboxMessage
{
    string BatchKey { get; }

    int MaxBatchSize { get; }

    IBaseCommand Batch(IReadOnlyList<IBatchableOutboxMessage> messages);
}

/// <summary>An outbox message that spends one request of a provider's per-account quota (<c>sms</c>, <c>voice</c>…).</summary>
public interface IRateLimitedMessage
{
    string RateLane { get; }
}
