using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Voice;

/// <summary>
/// Places a call asked for through <see cref="CallRequests"/>, never twice (ADR 0006), as the voice OTP call does: the
/// call is marked as being placed and committed first; then Exotel is asked, outside any transaction; then the CallSid,
/// the refusal or the unknown outcome is recorded under the outbox row's idempotency key. A run that finds the call
/// still marked (the process died while Exotel was being asked) records the outcome as unknown instead of asking again.
/// A hiccup that proves the request was not taken (429, 5xx) releases the mark, and the outbox tries again.
/// A refusal ends the call and its conversation; it does not count as unanswered: the call never rang, and the same
/// request would be refused again in two hours.
/// </summary>
internal sealed partial class PlaceCallHandler(
    ICallRepository calls,
    IUserRepository users,
    IConversationRepository conversations,
    ICallGateway gateway,
    IUnitOfWork unitOfWork,
    IdempotencyScope idempotency,
    TimeProvider clock,
    ILogger<PlaceCallHandler> logger) : ICommandHandler<PlaceCall>
{
    private const int MaxRecordAttempts = 3;

    public async ValueTask<Unit> Handle(PlaceCall command, CancellationToken ct)
    {
        if (await unitOfWork.ExecuteAsync(token => StartAsync(command, token), eventKey: null, ct) is not { } call)
        {
            return Unit.Value;
        }

        CallPlacementResult placement;
        try
        {
            placement = await gateway.PlaceAsync(call, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await unitOfWork.ExecuteAsync(token => ReleaseAsync(command, token), eventKey: null, CancellationToken.None);
            throw;
        }

        // The call is placed: failing now would make the outbox place it again. A callback that changed the call
        // meanwhile is the only expected conflict, so record again on fresh data.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork.ExecuteAsync(token => RecordAsync(command, placement, token), idempotency.EventKey, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxRecordAttempts)
            {
            }
        }
    }

    /// <summary>The call to place, once marked as being placed; null when it must not be placed (again).</summary>
    private async ValueTask<CallToPlace?> StartAsync(PlaceCall command, CancellationToken ct)
    {
        if (await calls.FindAsync(command.CallId, ct) is not { } call)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (call.Status == CallStatus.Placing)
        {
            call.RecordOutcomeUnknown("an earlier attempt was cut off while Exotel was being asked");
            LogOutcomeUnknown(call.Id, call.Failure!);
            return null;
        }

        if (!call.StartPlacing(now))
        {
            return null;
        }

        if (await users.FindAsync(call.UserId, ct) is not { Phone: { } phone, Stage: not LifecycleStage.Offboarded })
        {
            call.RecordRefused("the user has been offboarded", now);
            await EndConversationAsync(call, now, ct);
            return null;
        }

        return new CallToPlace(call.Purpose, phone.Value, call.CustomField, call.AgentId);
    }

    private async ValueTask<Unit> ReleaseAsync(PlaceCall command, CancellationToken ct)
    {
        if (await calls.FindAsync(command.CallId, ct) is { Status: CallStatus.Placing } call)
        {
            call.ReleasePlacing();
        }

        return Unit.Value;
    }

    private async ValueTask<Unit> RecordAsync(PlaceCall command, CallPlacementResult placement, CancellationToken ct)
    {
        if (await calls.FindAsync(command.CallId, ct) is not { Status: CallStatus.Placing } call)
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        switch (placement)
        {
            case CallPlacementResult.Placed placed:
                call.RecordPlaced(placed.CallSid, now);
                (await conversations.FindAsync(call.ConversationId, ct))?.AttachSession(placed.CallSid);
                break;
            case CallPlacementResult.Refused refused:
                call.RecordRefused($"{refused.Code}: {refused.Reason}", now);
                await EndConversationAsync(call, now, ct);
                break;
            case CallPlacementResult.OutcomeUnknown unknown:
                // The user may be hearing the call right now: a second one could ring twice. A status callback that
                // names the call by its CustomField still ends it.
                call.RecordOutcomeUnknown(unknown.Reason);
                LogOutcomeUnknown(call.Id, unknown.Reason);
                break;
        }

        return Unit.Value;
    }

    private async Task EndConversationAsync(Call call, DateTimeOffset now, CancellationToken ct) =>
        (await conversations.FindAsync(call.ConversationId, ct))?.End(call.Status.Name(), now);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} has an unknown outcome and is not placed again: {Reason}")]
    private partial void LogOutcomeUnknown(Guid callId, string reason);
}
