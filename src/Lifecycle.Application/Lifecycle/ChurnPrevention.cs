using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// Guide §4.3: whatever made a user AT_RISK (the scan, a usage drop, a billing flag, a bad call), they get the proactive
/// <c>at_risk_outreach</c> WhatsApp (its template, whose call to action is "Chat with us", outside the 24 h window; the
/// ladder falls back to SMS), which opens a <see cref="ChatFlow"/> chat for the bot's session to continue, and, without a
/// response <see cref="ChurnOptions.WinBackAfter"/> later, the win-back voicebot call.
/// </summary>
internal sealed class ReachOutWhenAtRisk(
    IUserRepository users, IConversationRepository conversations, MessageLadder ladder, ITimers timers, IOptions<ChurnOptions> churn)
    : IDomainEventHandler<UserStageChanged>
{
    public const string Notification = "at_risk_outreach";
    public const string CallFollowUp = "win-back-call";

    /// <summary>The flow of the chat the outreach's "Chat with us" opens; the bot's session attaches to it (guide §3.8).</summary>
    public const string ChatFlow = "churn";

    public async Task HandleAsync(UserStageChanged changed, CancellationToken ct)
    {
        if (changed.To != LifecycleStage.AtRisk || await users.FindAsync(changed.UserId, ct) is not { } user)
        {
            return;
        }

        var variables = new Dictionary<string, string> { ["name"] = user.Name ?? "there" };
        await ladder.SendAsync(user, Notification, variables, Channel.WhatsApp, ct);
        if (await conversations.FindOpenAsync(user.Id, ChatFlow, ct) is null)
        {
            conversations.Add(Conversation.Start(user.Id, Channel.WhatsApp, ChatFlow, sessionId: null, changed.At));
        }

        timers.Schedule(
            FollowUps.Key(user.Id, CallFollowUp),
            changed.At + churn.Value.WinBackAfter,
            new RequestCallIfStill(user.Id.Value, CallPurpose.WinBack, LifecycleStage.AtRisk));
    }
}
