using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Cqa;

/// <summary>
/// Carries out what <see cref="QualityPolicy"/> decides for a new analysis (policies.md "CQA decisions"): the scores on
/// the user and the conversations, the recovery campaign and AT_RISK, a QA task, the ticket's auto-close, the recovery
/// to ENGAGED, a compliance alert and a callback. An offboarded user's analysis changes only the scores.
/// </summary>
internal sealed class QualityDecisions(
    IUserRepository users,
    InteractionConversations conversations,
    ITicketRepository tickets,
    IQualityReviews reviews,
    IOutbox outbox,
    ITimers timers,
    IOptions<CqaOptions> options,
    IOptions<CampaignOptions> campaigns,
    TimeProvider clock)
{
    public const string LowScoreTrigger = "cqa:low_score";
    public const string RecoveredTrigger = "cqa:recovered";
    public const string AutoCloseResolution = "cqa:auto_close";
    public const string CallbackReason = "cqa:first_call_unresolved";

    public async Task ApplyAsync(Interaction interaction, Analysis analysis, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var score = analysis.FinalScore;
        foreach (var conversation in await conversations.ListAsync(interaction, ct))
        {
            conversation.RecordScore(score, now);
        }

        if (await users.FindAsync(interaction.UserId, ct) is not { Stage: not LifecycleStage.Offboarded } user)
        {
            return;
        }

        user.RecordCqaScore(score);
        var decision = QualityPolicy.Decide(analysis, interaction.StageAtIngest, options.Value.Thresholds());
        if (decision.RetentionCampaign)
        {
            outbox.Enqueue(new EnrollInCampaign(user.Id.Value, campaigns.Value.PostCallRecovery, LowScoreTrigger));
            MoveIfAllowed(user, LifecycleStage.AtRisk, LowScoreTrigger, interaction, now);
        }

        if (decision.QaReview)
        {
            reviews.Add(QaTask.Open(user.Id, interaction.ExternalId, interaction.AgentId, score, now));
        }

        if (decision.AutoCloseTicket && Guid.TryParse(interaction.TicketId, out var ticketId)
            && await tickets.FindAsync(ticketId, ct) is { } ticket && ticket.UserId == user.Id)
        {
            ticket.Close(AutoCloseResolution, now);
        }

        if (decision.Recovered && user.Stage == LifecycleStage.AtRisk)
        {
            MoveIfAllowed(user, LifecycleStage.Engaged, RecoveredTrigger, interaction, now);
        }

        if (decision.FailedCriticalKpis.Count > 0)
        {
            reviews.Add(ComplianceAlert.Raise(user.Id, interaction.ExternalId, interaction.AgentId, score, decision.FailedCriticalKpis, now));
        }

        if (decision.Callback)
        {
            ScheduleCallback(user, interaction, now);
        }
    }

    private static void MoveIfAllowed(User user, LifecycleStage to, string trigger, Interaction interaction, DateTimeOffset now)
    {
        if (user.Stage != to && StagePolicy.Allows(user.Stage, to))
        {
            user.TransitionTo(to, trigger, interaction.ExternalId, now);
        }
    }

    /// <summary>A callback ticket for the agent, and a follow-up timer (offboarding cancels it) that places the call when due.</summary>
    private void ScheduleCallback(User user, Interaction interaction, DateTimeOffset now)
    {
        var dueAt = now + options.Value.CallbackAfter;
        var ticket = Ticket.Open(
            user.Id, TicketKind.Callback, CallbackReason, interaction.CallSid, interaction.ConversationId, now,
            interaction.AgentId, interaction.ExternalId, dueAt);
        tickets.Add(ticket);
        timers.Schedule(CallBackUnresolvedUser.TimerKey(user.Id, ticket.Id), dueAt, new CallBackUnresolvedUser(ticket.Id));
    }
}
