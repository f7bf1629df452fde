using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle.Calls;

/// <summary>
/// Timer: call the user again — the same purpose, context and agent as an unanswered call, one attempt further. Kept
/// under the user's follow-ups, so any response of the user cancels it.
/// </summary>
public sealed record RequestCallAgain(Guid CallId) : ITimerCommand, ICorrelated
{
    public string CorrelationId => CallId.ToString();

    public static string Key(Call call) => FollowUps.Key(call.UserId, $"call-retry:{call.Purpose.Name()}");

    /// <summary>Schedules the next attempt of <paramref name="call"/> after <paramref name="delay"/>.</summary>
    public static void Schedule(ITimers timers, Call call, TimeSpan delay, DateTimeOffset now) =>
        timers.Schedule(Key(call), now + delay, new RequestCallAgain(call.Id));
}

internal sealed class RequestCallAgainHandler(
    ICallRepository calls, IConversationRepository conversations, IUserRepository users, CallRequests requests)
    : ICommandHandler<RequestCallAgain>
{
    public async ValueTask<Unit> Handle(RequestCallAgain command, CancellationToken ct)
    {
        if (await calls.FindAsync(command.CallId, ct) is not { } call
            || await users.FindAsync(call.UserId, ct) is not { } user
            || user.Stage == LifecycleStage.Offboarded)
        {
            return Unit.Value;
        }

        var parent = (await conversations.FindAsync(call.ConversationId, ct))?.ParentId;
        requests.Request(call.UserId, call.Purpose, call.Attempt + 1, call.Context, call.ChatSessionId, call.AgentId, call.TicketId, parent);
        return Unit.Value;
    }
}
