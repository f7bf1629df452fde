using Lifecycle.Application.Common.Errors;
using System.Net;
using Lifecycle.Infrastructure.Cqa;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>CQA ingest and interaction detail, authenticated with <c>X-API-Key</c>, against exotel-wire.md.</summary>
public sealed class CqaContractTests : ExotelContract
{
    private static readonly InteractionToAnalyse Call = new()
    {
        ExternalInteractionId = "call-CA0001",
        Channel = CqaChannel.Voice,
        AudioUrl = "https://recordings.exotel.com/CA0001.wav",
        AudioFormat = "WAV",
        StartedAt = new DateTimeOffset(2026, 5, 19, 15, 30, 0, TimeSpan.FromHours(5.5)),
        Duration = TimeSpan.FromSeconds(183),
        Metadata = new Dictionary<string, string>
        {
            ["user_id"] = "u_12345",
            ["lifecycle_stage"] = "AT_RISK",
            ["agent_id"] = "agent-42",
            ["campaign"] = "churn-prevention-q2",
        },
    };

    [Fact]
    public async Task Ingesting_a_call_posts_the_interaction_with_the_api_key_and_our_callback()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.Accepted, """{"status":"accepted"}""");

        var ingest = await cqa.IngestAsync(Call, CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/cqa/api/v1/accounts/test-cqa-account/ingress/interactions", request.Path);
        Assert.Equal("test-cqa-key", request.Headers["X-API-Key"]);
        Assert.Null(request.Authorization);
        AssertJsonBody(
            """
            {"external_interaction_id":"call-CA0001","channel_type":"VOICE","audio_url":"https://recordings.exotel.com/CA0001.wav",
             "audio_format":"WAV","interaction_start_time":"2026-05-19T10:00:00Z","duration_seconds":183,
             "callback_url":"http://lifecycle.test/webhooks/cqa",
             "metadata":{"user_id":"u_12345","lifecycle_stage":"AT_RISK","agent_id":"agent-42","campaign":"churn-prevention-q2"}}
            """,
            request);
        Assert.Equal(new InteractionIngest.Accepted(AlreadyIngested: false), ingest);
    }

    [Fact]
    public async Task A_chat_is_ingested_without_audio_or_metadata_fields()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.Accepted, "");

        await cqa.IngestAsync(
            Call with { ExternalInteractionId = "chat-CS_abc", Channel = CqaChannel.WhatsApp, AudioUrl = null, Metadata = null },
            CancellationToken.None);

        AssertJsonBody(
            """
            {"external_interaction_id":"chat-CS_abc","channel_type":"WHATSAPP","interaction_start_time":"2026-05-19T10:00:00Z",
             "duration_seconds":183,"callback_url":"http://lifecycle.test/webhooks/cqa"}
            """,
            SingleRequest());
    }

    [Fact]
    public async Task An_interaction_already_ingested_answered_409_counts_as_success()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.Conflict, """{"error":{"code":"DUPLICATE_INTERACTION","message":"Already ingested"}}""");

        var ingest = await cqa.IngestAsync(Call, CancellationToken.None);

        Assert.Equal(new InteractionIngest.Accepted(AlreadyIngested: true), ingest);
        SingleRequest();
    }

    [Fact]
    public async Task A_refused_ingest_is_a_result_with_the_code_and_is_not_retried()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.BadRequest, """{"error":{"code":"INVALID_AUDIO_URL","message":"audio_url is not reachable"}}""");

        var ingest = await cqa.IngestAsync(Call, CancellationToken.None);

        Assert.Equal(new InteractionIngest.Refused("INVALID_AUDIO_URL", "audio_url is not reachable"), ingest);
        SingleRequest();
    }

    [Fact]
    public async Task A_refusal_of_the_ingest_is_thrown_as_transient()
    {
        var cqa = Client<ExotelCqa>(httpRetries: 0);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.ServiceUnavailable, "busy", "text/plain");

        var failure = await Assert.ThrowsAsync<ExotelTransientException>(() => cqa.IngestAsync(Call, CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status);
        SingleRequest();
    }

    [Fact]
    public async Task A_bad_gateway_on_the_ingest_is_an_unknown_outcome_not_a_retry()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.BadGateway, "bad gateway", "text/plain");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => cqa.IngestAsync(Call, CancellationToken.None));

        Assert.NotNull(ProviderOutcomeUnknownException.FindIn(failure));
        SingleRequest();
    }

    [Fact]
    public async Task The_interaction_detail_is_fetched_with_the_api_key_and_returns_the_transcript()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.OK,
            """
            {"externalInteractionId":"call-CA0001","status":"completed","finalScore":72.5,"criticalityAdjustedScore":68.0,
             "kpiResults":[{"kpiId":"kpi-101","aiResponse":"No","finalScore":0.0}],
             "transcript":[{"speaker":"agent","text":"Hello Priya, how can I help?","start_seconds":0.4},
                           {"speaker":"customer","text":"I want to cancel.","start_seconds":3.1}]}
            """);

        var lookup = await cqa.GetInteractionAsync("call-CA0001", CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("GET", request.Method);
        Assert.Equal("/cqa/api/v1/accounts/test-cqa-account/interactions/call-CA0001", request.Path);
        Assert.Equal("test-cqa-key", request.Headers["X-API-Key"]);
        Assert.Null(request.Authorization);
        var found = Assert.IsType<InteractionLookup.Found>(lookup);
        Assert.Equal("call-CA0001", found.Interaction.ExternalInteractionId);
        Assert.Equal("completed", found.Interaction.Status);
        Assert.Equal(72.5, found.Interaction.FinalScore);
        Assert.Equal(68.0, found.Interaction.CriticalityAdjustedScore);
        Assert.Equal(
            [new TranscriptLine("agent", "Hello Priya, how can I help?", 0.4), new TranscriptLine("customer", "I want to cancel.", 3.1)],
            found.Interaction.Transcript);
    }

    [Fact]
    public async Task An_interaction_still_being_analysed_has_no_transcript_yet()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, """{"data":{"externalInteractionId":"call-CA0002","status":"processing"}}""");

        var lookup = await cqa.GetInteractionAsync("call-CA0002", CancellationToken.None);

        var found = Assert.IsType<InteractionLookup.Found>(lookup);
        Assert.Equal("processing", found.Interaction.Status);
        Assert.Null(found.Interaction.FinalScore);
        Assert.Empty(found.Interaction.Transcript);
    }

    [Fact]
    public async Task An_unknown_interaction_is_a_refusal_with_its_code()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.NotFound, """{"error":{"code":"NOT_FOUND","message":"No such interaction"}}""");

        var lookup = await cqa.GetInteractionAsync("call-CA404", CancellationToken.None);

        Assert.Equal(new InteractionLookup.Refused("NOT_FOUND", "No such interaction"), lookup);
        SingleRequest();
    }
}
