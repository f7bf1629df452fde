using FluentValidation;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Cqa;
using Lifecycle.Domain.Cqa;
using Lifecycle.Infrastructure.Cqa;
using static Lifecycle.IntegrationTests.Readers.ReaderFixtures;

namespace Lifecycle.IntegrationTests.Readers;

public class CqaEventReaderTests
{
    private readonly CqaEventReader reader = new();

    [Fact]
    public void Cqas_documented_completed_callback_is_an_analysis_with_every_kpi_keyed_by_its_delivery()
    {
        var (command, identity) = Read(Parse("cqa-webhook-completed.json"));

        Assert.Equal(("f47ac10b-58cc-4372-a567-0e02b2c3d479", "cqa.interaction_analysis_completed"), (identity.EventKey, identity.EventType));
        Assert.Equal((CqaEventKind.AnalysisCompleted, "INTERACTION_ANALYSIS_COMPLETED", "call-2026-04-01-001"), (command.Kind, command.Name, command.ExternalInteractionId));
        var analysis = command.Analysis!;
        Assert.Equal(("a1b2c3d4-e5f6-7890-abcd-ef1234567890", 85.0, (double?)85.0), (analysis.AnalysisId, analysis.FinalScore, analysis.CriticalityAdjustedScore));
        Assert.Equal([new KpiResult("kpi-101", null, "cat-01", "Yes", "The agent greeted the customer by name.", null, 5.0, null)], analysis.Kpis);
        Assert.Empty(analysis.Categories);
    }

    [Fact]
    public void The_guides_categories_kpi_names_and_critical_flags_are_read_when_present()
    {
        var fields = ParseBody(
            """
            {"event":"INTERACTION_ANALYSIS_COMPLETED","externalInteractionId":"call-CA1","data":{"analysisId":"an-1","finalScore":72.5,
             "categories":[{"name":"Compliance","finalScore":55.0,"sub_categories":[]},{"finalScore":1}],
             "kpiResults":[{"kpiId":"kpi-201","kpiName":"First call resolution","aiResponse":"No","aiJustification":"Not confirmed.",
                            "aiSuggestion":"Confirm.","finalScore":0.0,"is_critical":true},
                           {"kpiId":"kpi-202","finalScore":3,"isCritical":false},{"aiResponse":"no id"}]}}
            """,
            "application/json");

        var (command, identity) = Read(fields);

        Assert.Equal("call-CA1|INTERACTION_ANALYSIS_COMPLETED", identity.EventKey);
        Assert.Equal([new CategoryScore("Compliance", 55.0)], command.Analysis!.Categories);
        Assert.Equal(
            [
                new KpiResult("kpi-201", "First call resolution", null, "No", "Not confirmed.", "Confirm.", 0.0, true),
                new KpiResult("kpi-202", null, null, null, null, null, 3.0, false),
            ],
            command.Analysis.Kpis);
    }

    [Fact]
    public void Cqas_failed_callback_reads_its_error_code_and_message()
    {
        var (command, _) = Read(Parse("cqa-webhook-failed.json"));

        Assert.Equal(
            new ApplyCqaEvent("f47ac10b-58cc-4372-a567-0e02b2c3d479", CqaEventKind.AnalysisFailed, "INTERACTION_ANALYSIS_FAILED", "call-2026-04-01-001",
                Failure: "ANALYSIS_FAILED: Transcript processing timed out"),
            command);
    }

    [Theory]
    [InlineData("""{"error":{"code":"AUDIO_UNPROCESSABLE","message":"The audio could not be transcribed"}}""", "AUDIO_UNPROCESSABLE: The audio could not be transcribed")]
    [InlineData("""{"error":"audio too short"}""", "audio too short")]
    [InlineData("""{}""", null)]
    public void The_guides_error_shapes_of_a_failure_are_read(string data, string? failure)
    {
        var (command, _) = Read(ParseBody(
            $$"""{"event":"INTERACTION_ANALYSIS_FAILED","deliveryId":"d-1","externalInteractionId":"call-CA1","data":{{data}}}""", "application/json"));

        Assert.Equal((CqaEventKind.AnalysisFailed, failure), (command.Kind, command.Failure));
    }

    [Theory]
    [InlineData("INTERACTION_INGESTED")]
    [InlineData("INTERACTION_ANALYSIS_IN_PROGRESS")]
    [InlineData("INTERACTION_DISPUTE_RAISED")]
    [InlineData("SOMETHING_NEW")]
    public void Other_events_are_accepted_and_recorded_as_they_are_named(string name)
    {
        var (command, identity) = Read(ParseBody($$"""{"event":"{{name}}","externalInteractionId":"call-CA1"}""", "application/json"));

        Assert.Equal(new ApplyCqaEvent($"call-CA1|{name}", CqaEventKind.Other, name, "call-CA1"), command);
        Assert.Equal($"cqa.{name.ToLowerInvariant()}", identity.EventType);
    }

    [Fact]
    public void A_file_ingestion_event_needs_no_interaction()
    {
        var (command, identity) = Read(ParseBody("""{"event":"FILE_INGESTION_COMPLETED","deliveryId":"d-7","data":{"jobId":"j1"}}""", "application/json"));

        Assert.Equal((CqaEventKind.Other, null, "d-7"), (command.Kind, command.ExternalInteractionId, identity.EventKey));
    }

    [Fact]
    public void A_completion_without_a_final_score_is_recorded_not_decided()
    {
        var (command, _) = Read(ParseBody("""{"event":"INTERACTION_ANALYSIS_COMPLETED","deliveryId":"d-8","externalInteractionId":"call-CA1","data":{"analysisId":"a"}}""", "application/json"));

        Assert.Equal((CqaEventKind.Other, null), (command.Kind, command.Analysis));
    }

    [Theory]
    [InlineData("""{"externalInteractionId":"call-CA1"}""", "event")]
    [InlineData("""{"event":"INTERACTION_ANALYSIS_COMPLETED","deliveryId":"d-1","data":{"finalScore":80}}""", "externalInteractionId")]
    public void A_missing_event_or_interaction_is_refused_naming_the_field(string body, string field)
    {
        var refusal = Assert.Throws<ValidationException>(() => reader.Read(ParseBody(body, "application/json")));

        Assert.Equal([field], refusal.Errors.Select(error => error.PropertyName));
    }

    private (ApplyCqaEvent Command, WebhookIdentity Identity) Read(WebhookFields fields)
    {
        var single = Assert.Single(reader.Read(fields));
        return (Assert.IsType<ApplyCqaEvent>(reader.ToCommand(single.Fields, single.Identity)), single.Identity);
    }
}
