using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// Guide §4.3: whatever made a user AT_RISK (the scan, a usage drop, a billing flag, a bad call), they get the proactive
/// <c>at_risk_outreach</c> WhatsApp (its template outside the 24 h window; the ladder falls back to SMS) and, without a
/// response <see cref="ChurnOptions.WinBackAfter"/> later, the win-back voicebot call.
/// </summary>
internal sealed class ReachOutWhenAtRisk(IUserRepository users, MessageLadder ladder, ITimers timers, IOptions<ChurnOptions> churn)
    : IDomainEventHandler<UserStageChanged>
{
    public const string Notification = "at_risk_outreach";
    public const string CallFollowUp = "win-back-call";

    public async Task HandleAsync(UserStageChanged changed, CancellationToken ct)
    {
        if (changed.To != LifecycleStage.AtRisk || await users.FindAsync(changed.UserId, ct) is not { } user)
        {
            return;
        }

        var variables = new Dictionary<string, string> { ["name"] = user.Name ?? "there" };
        await ladder.SendAsync(user, Notification, variables, Channel.WhatsApp, ct);
        timers.Schedule(
            FollowUps.Key(user.Id, CallFollowUp),
            changed.At + churn.Value.WinBackAfter,
            new RequestCallIfStill(user.Id.Value, CallPurpose.WinBack, LifecycleStage.AtRisk));
    }
}
