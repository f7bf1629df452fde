using Lifecycle.Application.Cqa;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Cqa;

public class CqaDecisionTests
{
    private readonly CqaWorld world = new();

    [Theory]
    [InlineData(49.9, true, false, false)]
    [InlineData(50, false, true, false)]
    [InlineData(69.9, false, true, false)]
    [InlineData(70, false, false, false)]
    [InlineData(84.9, false, false, false)]
    [InlineData(85, false, false, true)]
    public async Task Each_threshold_of_policies_md_decides_at_its_boundary(double score, bool campaign, bool qaTask, bool ticketClosed)
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var ticket = Ticket.Open(user.Id, TicketKind.Support, "chat_handoff", null, null, TestUsers.T0);
        world.Tickets.Add(ticket);
        var interaction = await world.IngestedCallAsync(user, ticket.Id.ToString());

        await world.CompleteAsync(interaction.ExternalId, score);

        Assert.Equal(campaign, world.Outbox.Of<EnrollInCampaign>().Any(enrol =>
            enrol == new EnrollInCampaign(user.Id.Value, "CMP_post_call_recovery", "cqa:low_score")));
        Assert.Equal(campaign ? LifecycleStage.AtRisk : LifecycleStage.Engaged, user.Stage);
        Assert.Equal(qaTask, world.Reviews.Tasks.Count == 1);
        Assert.Equal(ticketClosed, !ticket.IsOpen);
        Assert.Equal(ticketClosed ? "cqa:auto_close" : null, ticket.Resolution);
        Assert.Equal(score, user.CqaLastScore);
        Assert.Equal(InteractionStatus.Completed, interaction.Status);
        Assert.Equal(score, interaction.FinalScore);
        Assert.Single(world.Outbox.Of<FetchInteractionTranscript>(), fetch => fetch.InteractionId == interaction.Id);
    }

    [Fact]
    public async Task A_qa_task_names_the_user_the_interaction_the_agent_and_the_score()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, 60);

        var task = Assert.Single(world.Reviews.Tasks);
        Assert.Equal((user.Id, "call-CA77", "agent-42", 60.0, "open", TestUsers.T0.AddSeconds(183)),
            (task.UserId, task.InteractionId, task.AgentId, task.Score, task.Status, task.CreatedAt));
    }

    [Fact]
    public async Task A_low_score_of_a_user_already_at_risk_enrols_without_a_second_transition()
    {
        var user = world.UserIn(LifecycleStage.AtRisk);
        var interaction = await world.IngestedCallAsync(user);
        var transitions = user.TransitionCount;

        await world.CompleteAsync(interaction.ExternalId, 30);

        Assert.Single(world.Outbox.Of<EnrollInCampaign>());
        Assert.Equal((LifecycleStage.AtRisk, transitions), (user.Stage, user.TransitionCount));
    }

    [Fact]
    public async Task A_low_score_of_an_onboarding_user_moves_them_to_at_risk_with_the_cqa_trigger()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, 10);

        Assert.Equal(LifecycleStage.AtRisk, user.Stage);
        var changed = user.Transitions.Last();
        Assert.Equal(("cqa:low_score", LifecycleStage.AtRisk, "call-CA77"), (changed.Trigger, changed.To, changed.CorrelationId));
    }

    [Theory]
    [InlineData(70, LifecycleStage.Engaged)]
    [InlineData(69.9, LifecycleStage.AtRisk)]
    public async Task An_interaction_of_an_at_risk_user_scored_at_least_70_makes_them_engaged(double score, LifecycleStage expected)
    {
        var user = world.UserIn(LifecycleStage.AtRisk);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, score);

        Assert.Equal(expected, user.Stage);
        Assert.Equal(expected == LifecycleStage.Engaged, user.Transitions.Any(changed => changed.Trigger == "cqa:recovered" && changed.To == LifecycleStage.Engaged));
    }

    [Fact]
    public async Task A_user_at_risk_only_after_the_interaction_is_not_moved_back_by_it()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);
        user.TransitionTo(LifecycleStage.AtRisk, "inactive", null, TestUsers.T0);

        await world.CompleteAsync(interaction.ExternalId, 90);

        Assert.Equal(LifecycleStage.AtRisk, user.Stage);
    }

    [Fact]
    public async Task A_critical_kpi_scored_0_raises_a_compliance_alert_for_the_agent_naming_every_failed_critical_kpi()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, 75,
        [
            Kpi("kpi-1", 0, isCritical: true),
            Kpi("kpi-compliance", 0),
            Kpi("kpi-2", 0, isCritical: false),
            Kpi("kpi-3", 5, isCritical: true),
        ]);

        var alert = Assert.Single(world.Reviews.Alerts);
        Assert.Equal((user.Id, "call-CA77", "agent-42", "open"), (alert.UserId, alert.InteractionId, alert.AgentId, alert.Status));
        Assert.Equal(["kpi-1", "kpi-compliance"], alert.FailedKpis);
    }

    [Fact]
    public async Task No_alert_when_no_critical_kpi_scored_0()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, 75, [Kpi("kpi-2", 0), Kpi("kpi-1", 1, isCritical: true)]);

        Assert.Empty(world.Reviews.Alerts);
    }

    [Theory]
    [InlineData("No", true)]
    [InlineData(" no ", true)]
    [InlineData("Yes", false)]
    public async Task The_first_call_resolution_kpi_answered_no_opens_a_callback_ticket_and_its_timer(string answer, bool callback)
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, 75, [Kpi("kpi-9", 0, name: "first CALL resolution", response: answer)]);

        Assert.Equal(callback, world.Tickets.All.Count == 1);
        Assert.Equal(callback, world.Timers.Scheduled.Count == 1);
        if (callback)
        {
            var ticket = world.Tickets.All.Single();
            var due = world.Clock.GetUtcNow() + TimeSpan.FromHours(2);
            Assert.Equal((TicketKind.Callback, "agent-42", "call-CA77", due, "CA77"), (ticket.Kind, ticket.AgentId, ticket.InteractionId, ticket.DueAt, ticket.CallSid));
            var (key, dueAt, command) = world.Timers.Scheduled.Single();
            Assert.StartsWith($"follow-up:{user.Id}:", key);
            Assert.Equal((due, new CallBackUnresolvedUser(ticket.Id)), (dueAt, command));
        }
    }

    [Fact]
    public async Task The_callback_timer_calls_the_same_agent_with_the_ticket()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);
        await world.CompleteAsync(interaction.ExternalId, 75, [Kpi("First call resolution", 0, response: "No")]);
        var ticket = world.Tickets.All.Single();
        world.Outbox.Enqueued.Clear();

        await world.CallBack().Handle(new CallBackUnresolvedUser(ticket.Id), CancellationToken.None);

        var call = world.Calls.All.Last();
        Assert.Equal((CallPurpose.Agent, "agent-42", ticket.Id.ToString(), user.Id), (call.Purpose, call.AgentId, call.TicketId, call.UserId));
        Assert.Single(world.Outbox.Of<global::Lifecycle.Application.Lifecycle.Calls.PlaceCall>(), place => place.CallId == call.Id);
    }

    [Fact]
    public async Task Without_an_agent_the_callback_is_a_support_voicebot_call_and_a_closed_ticket_calls_nobody()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var withoutAgent = Ticket.Open(user.Id, TicketKind.Callback, "cqa:first_call_unresolved", null, null, TestUsers.T0);
        var closed = Ticket.Open(user.Id, TicketKind.Callback, "cqa:first_call_unresolved", null, null, TestUsers.T0, agentId: "agent-1");
        closed.Close("done", TestUsers.T0);
        world.Tickets.Add(withoutAgent);
        world.Tickets.Add(closed);

        await world.CallBack().Handle(new CallBackUnresolvedUser(withoutAgent.Id), CancellationToken.None);
        await world.CallBack().Handle(new CallBackUnresolvedUser(closed.Id), CancellationToken.None);

        var call = Assert.Single(world.Calls.All);
        Assert.Equal((CallPurpose.Support, null, withoutAgent.Id.ToString()), (call.Purpose, call.AgentId, call.TicketId));
    }

    [Fact]
    public async Task Every_score_is_kept_on_the_calls_conversations_those_of_its_sid_and_its_own()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var bot = Conversation.Start(user.Id, Channel.Voicebot, "support", CqaWorld.CallSid, TestUsers.T0);
        var other = Conversation.Start(user.Id, Channel.Voicebot, "support", "CA-other", TestUsers.T0);
        world.Conversations.Add(bot);
        world.Conversations.Add(other);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, 77.5);

        var own = world.Conversations.All.Single(conversation => conversation.Id == interaction.ConversationId);
        Assert.Equal((77.5, 77.5, (double?)null), (own.CqaScore, bot.CqaScore, other.CqaScore));
    }

    [Fact]
    public async Task A_second_delivery_of_the_same_completion_acts_once()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, 60, deliveryId: "d-1");
        await world.CompleteAsync(interaction.ExternalId, 60, deliveryId: "d-2");

        Assert.Single(world.Reviews.Tasks);
        Assert.Single(world.Outbox.Of<FetchInteractionTranscript>());
    }

    [Fact]
    public async Task A_new_analysis_of_the_same_interaction_decides_again()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);

        await world.CompleteAsync(interaction.ExternalId, 60, analysisId: "an-1");
        await world.CompleteAsync(interaction.ExternalId, 65, analysisId: "an-2");

        Assert.Equal([60.0, 65.0], world.Reviews.Tasks.Select(task => task.Score));
        Assert.Equal(("an-2", 65.0), (interaction.AnalysisId, interaction.FinalScore));
    }

    [Fact]
    public async Task A_failed_analysis_is_ingested_again_until_max_reingests_then_stays_failed_with_one_warning()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await world.FailAsync(interaction.ExternalId, $"f-{attempt}");
            if (interaction.IsPending)
            {
                interaction.MarkIngested(world.Clock.GetUtcNow());
            }
        }

        await world.FailAsync(interaction.ExternalId, "f-late");

        Assert.Equal(3, world.Outbox.Of<IngestInteraction>().Count(ingest => ingest.InteractionId == interaction.Id));
        Assert.Equal((InteractionStatus.Failed, 3, "ANALYSIS_FAILED: timed out"), (interaction.Status, interaction.ReingestCount, interaction.Failure));
        Assert.Single(world.EventLog.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning && entry.Message.Contains("call-CA77", StringComparison.Ordinal));
        Assert.Empty(world.Reviews.Tasks);
    }

    [Fact]
    public async Task Other_events_are_recorded_on_our_interaction_and_ignored_for_others()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);

        await world.ApplyEvent().Handle(new ApplyCqaEvent("d-9", CqaEventKind.Other, "INTERACTION_DISPUTE_RAISED", interaction.ExternalId), CancellationToken.None);
        await world.ApplyEvent().Handle(new ApplyCqaEvent("d-10", CqaEventKind.Other, "INTERACTION_INGESTED", "call-not-ours"), CancellationToken.None);
        await world.CompleteAsync("call-not-ours", 10);

        Assert.Equal(("INTERACTION_DISPUTE_RAISED", InteractionStatus.Ingested), (interaction.LastEvent, interaction.Status));
        Assert.Empty(world.Outbox.Enqueued);
        Assert.Null(user.CqaLastScore);
    }

    [Fact]
    public async Task An_offboarded_users_analysis_takes_no_action()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);
        user.Offboard(null, TestUsers.T0);

        await world.CompleteAsync(interaction.ExternalId, 10, [Kpi("First call resolution", 0, response: "No", isCritical: true)]);

        Assert.Empty(world.Outbox.Of<EnrollInCampaign>());
        Assert.Empty(world.Reviews.Alerts);
        Assert.Empty(world.Tickets.All);
        Assert.Null(user.CqaLastScore);
    }

    private static KpiResult Kpi(string id, double score, bool? isCritical = null, string? name = null, string response = "Yes") =>
        new(id, name, null, response, "why", null, score, isCritical);
}
