using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// The daily inactivity scan (<c>Lifecycle:Scan:Cron</c>): ONBOARDING users inactive for
/// <see cref="ActivationOptions.InactivityDays"/> are due the activation nudge (guide §4.2), ENGAGED users inactive for
/// <see cref="ChurnOptions.InactivityDays"/> become AT_RISK (guide §4.3). Set-based: one query per flow finds the users,
/// and one bulk write hands each of them a timer due at once (<see cref="NudgeInactiveUser"/>,
/// <see cref="MarkInactiveUserAtRisk"/>), which the timer poller applies user by user — each in its own transaction,
/// with the domain's rules and reactions, retried like any timer. A second scan finds nothing new: a user already handed
/// off has a pending timer, a nudged one carries <see cref="User.LastNudgedAt"/>, an at-risk one is no longer ENGAGED.
/// </summary>
public sealed record RunInactivityScan : ICommand<InactivityScanResult>;

/// <param name="Nudged">ONBOARDING users handed the activation nudge.</param>
/// <param name="MarkedAtRisk">ENGAGED users handed the move to AT_RISK.</param>
public sealed record InactivityScanResult(int Nudged, int MarkedAtRisk);

internal sealed class RunInactivityScanHandler(
    IInactiveUsers inactive,
    ITimers timers,
    IOptions<ActivationOptions> activation,
    IOptions<ChurnOptions> churn,
    TimeProvider clock) : ICommandHandler<RunInactivityScan, InactivityScanResult>
{
    public async ValueTask<InactivityScanResult> Handle(RunInactivityScan command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nudgeBefore = now.AddDays(-activation.Value.InactivityDays);
        var atRiskBefore = now.AddDays(-churn.Value.InactivityDays);
        var handedOff = await timers.PendingKeysAsync(InactivityTimer.Prefix, ct);
        var toNudge = (await inactive.DueForActivationNudgeAsync(nudgeBefore, ct)).Where(id => !handedOff.Contains(InactivityTimer.Key(id))).ToList();
        var toMark = (await inactive.InactiveAsync(LifecycleStage.Engaged, atRiskBefore, ct)).Where(id => !handedOff.Contains(InactivityTimer.Key(id))).ToList();

        await timers.ScheduleManyAsync(
            [
                .. toNudge.Select(id => new ScheduledTimer(InactivityTimer.Key(id), now, new NudgeInactiveUser(id.Value, nudgeBefore))),
                .. toMark.Select(id => new ScheduledTimer(InactivityTimer.Key(id), now, new MarkInactiveUserAtRisk(id.Value, atRiskBefore))),
            ],
            ct);
        return new InactivityScanResult(toNudge.Count, toMark.Count);
    }
}

internal static class InactivityTimer
{
    public const string Prefix = "inactivity:";

    public static string Key(UserId userId) => $"{Prefix}{userId}";
}

/// <summary>
/// Timer (from the scan): nudge an ONBOARDING user not seen since <paramref name="SeenBefore"/> — checked again, since
/// they may have been active since the scan.
/// </summary>
public sealed record NudgeInactiveUser(Guid UserId, DateTimeOffset SeenBefore) : ITimerCommand;

internal sealed class NudgeInactiveUserHandler(IUserRepository users, ActivationNudge nudge, TimeProvider clock) : ICommandHandler<NudgeInactiveUser>
{
    public async ValueTask<Unit> Handle(NudgeInactiveUser command, CancellationToken ct)
    {
        if (await users.FindAsync(new UserId(command.UserId), ct) is { Stage: LifecycleStage.Onboarding, IsDueForNudge: true } user
            && user.LastSeenAt <= command.SeenBefore)
        {
            nudge.Nudge(user, clock.GetUtcNow());
        }

        return Unit.Value;
    }
}

/// <summary>Timer (from the scan): an ENGAGED user not seen since <paramref name="SeenBefore"/> becomes AT_RISK — checked again.</summary>
public sealed record MarkInactiveUserAtRisk(Guid UserId, DateTimeOffset SeenBefore) : ITimerCommand;

internal sealed class MarkInactiveUserAtRiskHandler(IUserRepository users, TimeProvider clock) : ICommandHandler<MarkInactiveUserAtRisk>
{
    public async ValueTask<Unit> Handle(MarkInactiveUserAtRisk command, CancellationToken ct)
    {
        if (await users.FindAsync(new UserId(command.UserId), ct) is { Stage: LifecycleStage.Engaged } user && user.LastSeenAt <= command.SeenBefore)
        {
            var now = clock.GetUtcNow();
            user.TransitionTo(LifecycleStage.AtRisk, "inactive", $"scan:{command.SeenBefore:yyyy-MM-dd}", now);
        }

        return Unit.Value;
    }
}
