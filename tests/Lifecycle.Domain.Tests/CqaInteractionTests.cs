using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Tests;

public class CqaInteractionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 19, 10, 0, 0, TimeSpan.Zero);
    private static readonly UserId User = new(Guid.Parse("0195c0de-0000-7000-8000-000000000001"));

    [Fact]
    public void The_metadata_names_the_user_and_stage_and_leaves_empty_values_out()
    {
        var interaction = Interaction.Record(
            new InteractionSubject("chat-CS1", User, InteractionChannel.Chat, Guid.NewGuid(), LifecycleStage.AtRisk, T0, 60) { AgentId = "agent-1", TicketId = " " },
            T0);

        Assert.Equal(
            new Dictionary<string, string> { ["user_id"] = User.ToString(), ["lifecycle_stage"] = "AT_RISK", ["agent_id"] = "agent-1" },
            interaction.Metadata());
        Assert.Equal((InteractionStatus.Pending, 0), (interaction.Status, interaction.ReingestCount));
    }

    [Fact]
    public void The_metadata_of_a_support_call_carries_its_agent_ticket_session_and_campaign()
    {
        var interaction = Interaction.Record(
            new InteractionSubject("call-CA1", User, InteractionChannel.Voice, Guid.NewGuid(), LifecycleStage.Engaged, T0, 60)
            {
                CallSid = "CA1", AgentId = "agent-42", TicketId = "t-1", SessionId = "CS_1", CampaignId = "CMP_1",
            },
            T0);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["user_id"] = User.ToString(), ["lifecycle_stage"] = "ENGAGED", ["agent_id"] = "agent-42",
                ["ticket_id"] = "t-1", ["session_id"] = "CS_1", ["campaign"] = "CMP_1",
            },
            interaction.Metadata());
        Assert.True(interaction.IsPending);
    }

    [Fact]
    public void A_withdrawn_interaction_is_no_longer_pending_and_says_why()
    {
        var interaction = Interaction.Record(
            new InteractionSubject("call-CA2", User, InteractionChannel.Voice, Guid.NewGuid(), LifecycleStage.Engaged, T0, 60), T0);

        interaction.Withdraw(T0.AddMinutes(1));

        Assert.Equal((InteractionStatus.Withdrawn, "user offboarded", false), (interaction.Status, interaction.Failure, interaction.IsPending));
        Assert.Equal("withdrawn", InteractionStatusNames.Wire.Name(InteractionStatus.Withdrawn));
    }

    [Fact]
    public void An_event_without_a_name_is_refused_and_one_with_a_name_is_kept() =>
        Assert.Throws<ArgumentException>(() => Interaction.Record(
            new InteractionSubject("call-CA3", User, InteractionChannel.Voice, Guid.NewGuid(), LifecycleStage.Engaged, T0, 60), T0).RecordEvent(" ", T0));

    [Fact]
    public void A_completion_is_new_once_per_analysis()
    {
        var interaction = Ingested();
        var first = new Analysis("an-1", 70, 65, [new KpiResult("k1", null, null, "Yes", "ok", null, 5, null)], [new CategoryScore("Compliance", 60)]);

        Assert.True(interaction.Complete("INTERACTION_ANALYSIS_COMPLETED", first, T0));
        Assert.False(interaction.Complete("INTERACTION_ANALYSIS_COMPLETED", first with { FinalScore = 10 }, T0));
        Assert.Equal((70.0, (double?)65.0, "an-1"), (interaction.FinalScore, interaction.CriticalityAdjustedScore, interaction.AnalysisId));
        Assert.True(interaction.Complete("INTERACTION_ANALYSIS_COMPLETED", first with { AnalysisId = "an-2", FinalScore = 90 }, T0));
        Assert.Equal((90.0, InteractionStatus.Completed, T0), (interaction.FinalScore, interaction.Status, interaction.CompletedAt));
        Assert.Equal([new CategoryScore("Compliance", 60)], interaction.Categories);
    }

    [Fact]
    public void A_failure_is_reingested_up_to_the_maximum_then_gives_up_and_a_failure_while_pending_is_ignored()
    {
        var interaction = Ingested();

        Assert.Equal(FailedAnalysis.Reingest, interaction.Fail("F", "timed out", 1, T0));
        Assert.Equal((InteractionStatus.Pending, 1, "timed out"), (interaction.Status, interaction.ReingestCount, interaction.Failure));
        Assert.Equal(FailedAnalysis.Ignored, interaction.Fail("F", "again", 1, T0));
        interaction.MarkIngested(T0);
        Assert.Equal(FailedAnalysis.GaveUp, interaction.Fail("F", "last", 1, T0));
        Assert.Equal((InteractionStatus.Failed, 1, "last"), (interaction.Status, interaction.ReingestCount, interaction.Failure));
        Assert.Equal(FailedAnalysis.Ignored, interaction.Fail("F", "late", 1, T0));
    }

    [Fact]
    public void Erasure_drops_the_recording_and_what_the_analysis_wrote_but_keeps_the_scores()
    {
        var interaction = Ingested();
        interaction.Complete("C", new Analysis("an-1", 40, null, [new KpiResult("k1", "Greeting", "c1", "No", "Priya was not greeted", "Greet", 0, true)], []), T0);

        interaction.ErasePersonalData();

        Assert.Null(interaction.AudioUrl);
        Assert.Equal([new KpiResult("k1", "Greeting", "c1", "No", null, null, 0, true)], interaction.Kpis);
        Assert.Equal(40.0, interaction.FinalScore);
    }

    [Fact]
    public void A_compliance_alert_needs_a_failed_kpi()
    {
        Assert.Throws<ArgumentException>(() => ComplianceAlert.Raise(User, "call-CA1", null, 10, [], T0));
        Assert.Equal(["k1"], ComplianceAlert.Raise(User, "call-CA1", null, 10, ["k1"], T0).FailedKpis);
    }

    private static Interaction Ingested()
    {
        var interaction = Interaction.Record(
            new InteractionSubject("call-CA1", User, InteractionChannel.Voice, Guid.NewGuid(), LifecycleStage.Engaged, T0, 60) { CallSid = "CA1", AudioUrl = "https://r/1.wav" },
            T0);
        interaction.MarkIngested(T0);
        return interaction;
    }
}
