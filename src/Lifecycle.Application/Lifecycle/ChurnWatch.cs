using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// An ENGAGED user with no activity for <see cref="ChurnOptions.InactivityDays"/> becomes AT_RISK. One timer per
/// engaged user: armed on entering ENGAGED, cancelled on leaving it, and re-armed from the last activity when it
/// fires early (activity does not touch the timer, so a busy user costs no writes).
/// </summary>
internal sealed class ArmChurnWatch(ITimers timers, IOptions<ChurnOptions> options) : IDomainEventHandler<UserStageChanged>
{
    public async Task HandleAsync(UserStageChanged changed, CancellationToken ct)
    {
        if (changed.To == LifecycleStage.Engaged)
        {
            timers.Schedule(
                ChurnWatchTimer.Key(changed.UserId),
                changed.At.AddDays(options.Value.InactivityDays),
                new MarkAtRiskIfInactive(changed.UserId.Value));
        }
        else if (changed.From == LifecycleStage.Engaged)
        {
            await timers.CancelAsync(ChurnWatchTimer.Key(changed.UserId), ct);
        }
    }
}

internal static class ChurnWatchTimer
{
    public static string Key(UserId userId) => $"churn-inactivity:{userId}";
}

public sealed record MarkAtRiskIfInactive(Guid UserId) : Common.Messaging.ITimerCommand;

internal sealed class MarkAtRiskIfInactiveHandler(
    IUserRepository users, ITimers timers, IOptions<ChurnOptions> options, TimeProvider clock)
    : ICommandHandler<MarkAtRiskIfInactive>
{
    public async ValueTask<Unit> Handle(MarkAtRiskIfInactive command, CancellationToken ct)
    {
        var user = await users.FindAsync(new UserId(command.UserId), ct);
        if (user is not { Stage: LifecycleStage.Engaged })
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        var lastSeen = user.LastActivityAt is { } activity && activity > user.StageUpdatedAt ? activity : user.StageUpdatedAt;
        var dueAt = lastSeen.AddDays(options.Value.InactivityDays);
        if (dueAt > now)
        {
            timers.Schedule(ChurnWatchTimer.Key(user.Id), dueAt, command);
            return Unit.Value;
        }

        user.TransitionTo(LifecycleStage.AtRisk, "inactive", $"timer:{ChurnWatchTimer.Key(user.Id)}", now);
        return Unit.Value;
    }
}
