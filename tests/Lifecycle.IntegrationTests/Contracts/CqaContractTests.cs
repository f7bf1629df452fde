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
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.Created, ExotelFixtures.Read("cqa-ingest-reply.json"));

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
    public async Task A_chat_is_ingested_with_its_transcript_text_and_without_audio_or_metadata_fields()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.Accepted, "");

        await cqa.IngestAsync(
            Call with { ExternalInteractionId = "chat-CS_abc", Channel = CqaChannel.Chat, AudioUrl = null, TranscriptText = "agent: Hello", Metadata = null },
            CancellationToken.None);

        AssertJsonBody(
            """
            {"external_interaction_id":"chat-CS_abc","channel_type":"CHAT","interaction_start_time":"2026-05-19T10:00:00Z",
             "duration_seconds":183,"callback_url":"http://lifecycle.test/webhooks/cqa","transcript_text":"agent: Hello"}
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
    public async Task The_documented_interaction_detail_is_fetched_at_its_ingress_path_and_holds_no_transcript_turns()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, ExotelFixtures.Read("cqa-interaction-detail.json"));

        var lookup = await cqa.GetInteractionAsync("call-2026-04-01-001", CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("GET", request.Method);
        Assert.Equal("/cqa/api/v1/accounts/test-cqa-account/ingress/interactions/call-2026-04-01-001", request.Path);
        Assert.Equal("test-cqa-key", request.Headers["X-API-Key"]);
        Assert.Null(request.Authorization);
        var found = Assert.IsType<InteractionLookup.Found>(lookup);
        Assert.Equal(new InteractionDetail("call-2026-04-01-001", "completed", null, null, null), found.Interaction);
    }

    [Fact]
    public async Task A_transcript_url_text_or_turns_in_the_detail_are_read_when_present()
    {
        var cqa = Client<ExotelCqa>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.OK,
            """
            {"status":200,"request_id":"r1","data":{"external_interaction_id":"call-CA0001","status":"completed",
             "transcript_url":"https://cqa.example.com/t/1.json","transcript_text":"agent: Hello",
             "transcript":[{"speaker":"agent","text":"Hello","start_seconds":0.4}]}}
            """);

        var lookup = await cqa.GetInteractionAsync("call-CA0001", CancellationToken.None);

        var found = Assert.IsType<InteractionLookup.Found>(lookup);
        Assert.Equal(
            new InteractionDetail(
                "call-CA0001", "completed", """[{"speaker":"agent","text":"Hello","start_seconds":0.4}]""", "agent: Hello", "https://cqa.example.com/t/1.json"),
            found.Interaction);
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
