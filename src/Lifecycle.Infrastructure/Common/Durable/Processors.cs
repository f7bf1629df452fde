using FluentValidation;
using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>Sends committed outbox messages to their handlers (which call Exotel).</summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    OutboxRateLimiter limiter,
    ILogger<OutboxDispatcher> logger)
    : DurableWorkProcessor<OutboxMessageRow>(scopes, clock, options.Value, logger)
{
    protected override IMessage ToMessage(OutboxMessageRow row) => (IMessage)DurableMessageTypes.Deserialize(row.Type, row.Payload);

    protected override string EventKeyOf(OutboxMessageRow row) => $"outbox:{row.Id}";

    protected override string WorkOf(OutboxMessageRow row) => row.Type;

    /// <summary>Batchable messages with the same key go out together (bulk SMS: up to 100 per request).</summary>
    protected override IEnumerable<WorkUnit> Group(IReadOnlyList<(OutboxMessageRow Row, IMessage Message)> planned)
    {
        foreach (var single in planned.Where(item => item.Message is not IBatchableOutboxMessage))
        {
            yield return new WorkUnit([single.Row], single.Message, EventKeyOf(single.Row));
        }

        var batchable = planned.Where(item => item.Message is IBatchableOutboxMessage)
            .GroupBy(item => (item.Row.Type, ((IBatchableOutboxMessage)item.Message).BatchKey));
        foreach (var group in batchable)
        {
            var messages = group.ToList();
            foreach (var chunk in messages.Chunk(((IBatchableOutboxMessage)messages[0].Message).MaxBatchSize))
            {
                yield return chunk.Length == 1
                    ? new WorkUnit([chunk[0].Row], chunk[0].Message, EventKeyOf(chunk[0].Row))
                    : new WorkUnit(
                        [.. chunk.Select(item => item.Row)],
                        ((IBatchableOutboxMessage)chunk[0].Message).Batch([.. chunk.Select(item => (IBatchableOutboxMessage)item.Message)]),
                        null);
            }
        }
    }

    /// <summary>
    /// A unit is one Exotel request, and <see cref="OutboxLeaseValidator"/> sizes the lease to the longest one: each unit
    /// starts with a whole lease ahead, or no other instance could be kept from claiming a row still being sent.
    /// </summary>
    protected override TimeSpan LeaseNeededPerUnit => options.Value.Lease;

    protected override DateTimeOffset? Throttle(WorkUnit unit) =>
        unit.Message is IRateLimitedMessage limited ? limiter.NextSlot(limited.RateLane) : null;

    /// <summary>
    /// Exotel may have acted on a request whose outcome is unknown: a retry could send or call twice, so the row is
    /// dead-lettered with its error for an operator instead (ADR 0006). Handlers that can settle it themselves (SMS,
    /// WhatsApp, the voice OTP call) never let it get here.
    /// </summary>
    protected override bool IsPermanent(Exception exception) => ProviderOutcomeUnknownException.FindIn(exception) is not null;
}

/// <summary>Turns accepted webhook events into their typed commands.</summary>
internal sealed class InboxProcessor(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<InboxOptions> options,
    IEnumerable<IWebhookEventReader> readers,
    ILogger<InboxProcessor> logger)
    : DurableWorkProcessor<InboxEventRow>(scopes, clock, options.Value, logger)
{
    protected override IMessage ToMessage(InboxEventRow row)
    {
        var reader = readers.Single(candidate => candidate.Source.Name == row.Source);
        return reader.ToCommand(WebhookFields.FromJson(row.Payload), new WebhookIdentity(row.EventKey, row.EventType));
    }

    protected override string EventKeyOf(InboxEventRow row) => $"inbox:{row.Source}:{row.EventKey}";

    /// <summary>
    /// The row is marked done in the handler's own transaction when one transaction holds the handler's whole effect:
    /// one commit per event instead of two, and the event is applied and finished together or not at all. (In a
    /// transaction shared by several events the processor marks them all done at once, before it commits.)
    /// </summary>
    protected override void Prepare(IServiceProvider services, WorkUnit unit, bool sharedTransaction) =>
        services.GetRequiredService<CurrentInboxEvent>()
            .Apply(unit.Rows[0].Id, !sharedTransaction && UnitOfWork.WrapsWholeHandler(unit.Message) ? Owner : null, sharedTransaction);

    protected override int UnitsPerTransaction => options.Value.EventsPerTransaction;

    protected override int Lanes => options.Value.Lanes;

    /// <summary>The record an event is about (an SmsSid…): its events apply in the order they came.</summary>
    protected override string LaneKey(WorkUnit unit) =>
        unit.Message is ICorrelated correlated ? correlated.CorrelationId : base.LaneKey(unit);

    /// <summary>
    /// Events confined to their record (a delivery report) touch rows no event of another record touches, so a flood of
    /// them applies side by side; anything that may change a user, and so be seen by another record's event, keeps the
    /// order the events came in.
    /// </summary>
    protected override bool AppliesApart(WorkUnit unit) => unit.Message is IRecordConfined { ConfinedToRecord: true };

    /// <summary>
    /// An event may share the processor's transaction when its unit of work would have wrapped the whole handler in one
    /// anyway; an outbox message's commits after its handler, outside any transaction, so never does.
    /// </summary>
    protected override bool SharesTransaction(IMessage message) => UnitOfWork.WrapsWholeHandler(message) && message is not IOutboxMessage;

    protected override bool CompletedWithUnitOfWork(IServiceProvider services) =>
        services.GetRequiredService<CurrentInboxEvent>().CompletedWithUnitOfWork;

    protected override string WorkOf(InboxEventRow row) => $"{row.Source} {row.EventType} {row.EventKey}";

    protected override bool IsPermanent(Exception exception) => exception is ValidationException;

    /// <summary>A callback for a record we never had stops costing work once the usual race window has passed.</summary>
    protected override bool IsUnmatched(Exception exception, int attempts) =>
        exception is ProviderRecordPendingException && attempts >= options.Value.UnmatchedAfterAttempts;
}

/// <summary>Fires timers whose due time has passed; a cancelled timer is never claimed.</summary>
internal sealed class TimerPoller(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<TimerOptions> options, ILogger<TimerPoller> logger)
    : DurableWorkProcessor<TimerRow>(scopes, clock, options.Value, logger)
{
    protected override IMessage ToMessage(TimerRow row) => (IMessage)DurableMessageTypes.Deserialize(row.Type, row.Payload);

    protected override string EventKeyOf(TimerRow row) => $"timer:{row.Id}";

    protected override string WorkOf(TimerRow row) => $"{row.Type} {row.Key}";
}
