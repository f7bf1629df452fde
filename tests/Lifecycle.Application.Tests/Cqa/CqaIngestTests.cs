using Lifecycle.Application.Cqa;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Tests.Cqa;

public class CqaIngestTests
{
    private readonly CqaWorld world = new();

    [Fact]
    public async Task A_recorded_call_is_recorded_once_and_its_ingestion_queued()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        user.JoinCampaign("CMP_retention_followup");
        var (call, recorded) = world.RecordedCall(user, ticketId: "T-1");

        await world.AnalyseRecordedCall().HandleAsync(recorded, CancellationToken.None);
        await world.AnalyseRecordedCall().HandleAsync(recorded, CancellationToken.None);

        var interaction = Assert.Single(world.Interactions.All);
        Assert.Equal(("call-CA77", InteractionChannel.Voice, call.ConversationId, InteractionStatus.Pending),
            (interaction.ExternalId, interaction.Channel, interaction.ConversationId, interaction.Status));
        Assert.Equal((TestUsers.T0, 183, "https://recordings.exotel.com/CA77.wav"), (interaction.StartedAt, interaction.DurationSeconds, interaction.AudioUrl));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["user_id"] = user.Id.ToString(),
                ["lifecycle_stage"] = "ENGAGED",
                ["agent_id"] = "agent-42",
                ["ticket_id"] = "T-1",
                ["session_id"] = "CS9",
                ["campaign"] = "CMP_retention_followup",
            },
            interaction.Metadata());
        Assert.Equal([new IngestInteraction(interaction.Id)], world.Outbox.Of<IngestInteraction>());
    }

    [Fact]
    public async Task The_ingest_sends_the_interaction_once_with_its_metadata_and_marks_it_ingested()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var (_, recorded) = world.RecordedCall(user);
        await world.AnalyseRecordedCall().HandleAsync(recorded, CancellationToken.None);
        var interaction = world.Interactions.All.Single();

        await world.Ingest().Handle(new IngestInteraction(interaction.Id), CancellationToken.None);
        await world.Ingest().Handle(new IngestInteraction(interaction.Id), CancellationToken.None);

        var sent = Assert.Single(world.Analysis.Ingested);
        Assert.Equal(("call-CA77", InteractionChannel.Voice, "https://recordings.exotel.com/CA77.wav", null, 183), (sent.ExternalId, sent.Channel, sent.AudioUrl, sent.TranscriptText, sent.DurationSeconds));
        Assert.Equal(interaction.Metadata(), sent.Metadata);
        Assert.Equal(InteractionStatus.Ingested, interaction.Status);
        Assert.Contains("outbox:1", world.UnitOfWork.EventKeys);
    }

    [Fact]
    public async Task A_refused_ingest_fails_the_interaction_with_one_warning_and_is_not_sent_again()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var (_, recorded) = world.RecordedCall(user);
        await world.AnalyseRecordedCall().HandleAsync(recorded, CancellationToken.None);
        var interaction = world.Interactions.All.Single();
        world.Analysis.Answer = new IngestResult.Refused("VALIDATION_ERROR", "audio_url is not reachable");

        await world.Ingest().Handle(new IngestInteraction(interaction.Id), CancellationToken.None);
        await world.Ingest().Handle(new IngestInteraction(interaction.Id), CancellationToken.None);

        Assert.Single(world.Analysis.Ingested);
        Assert.Equal((InteractionStatus.Failed, "VALIDATION_ERROR: audio_url is not reachable"), (interaction.Status, interaction.Failure));
        var warning = Assert.Single(world.IngestLog.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_offboarded_users_interaction_erased_or_not_yet_is_withdrawn_not_sent(bool erased)
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var (_, recorded) = world.RecordedCall(user);
        await world.AnalyseRecordedCall().HandleAsync(recorded, CancellationToken.None);
        var interaction = world.Interactions.All.Single();
        user.Offboard(null, TestUsers.T0);
        if (erased)
        {
            user.ErasePersonalData("hash");
        }

        await world.Ingest().Handle(new IngestInteraction(interaction.Id), CancellationToken.None);

        Assert.Empty(world.Analysis.Ingested);
        Assert.Equal(InteractionStatus.Withdrawn, interaction.Status);
    }

    [Fact]
    public async Task A_live_chat_with_an_agent_is_ingested_with_its_transcript_and_a_bot_only_chat_or_a_call_is_not()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var chat = Conversation.Start(user.Id, Channel.WhatsApp, "support", "CS1", TestUsers.T0);
        chat.AssignAgent("agent-7", TestUsers.T0);
        chat.RecordTranscript("""[{"speaker":"agent","text":"Hi"}]""", null);
        world.Conversations.Add(chat);
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        chat.End("resolved", world.Clock.GetUtcNow());
        var botOnly = Conversation.Start(user.Id, Channel.WhatsApp, "onboarding", "CS2", TestUsers.T0);
        botOnly.End("resolved", world.Clock.GetUtcNow());
        var voice = Conversation.Start(user.Id, Channel.Voice, "agent", "CA5", TestUsers.T0);
        voice.AssignAgent("agent-7", TestUsers.T0);
        voice.End("completed", world.Clock.GetUtcNow());

        foreach (var ended in new[] { chat, botOnly, voice }.SelectMany(conversation => conversation.DequeueDomainEvents()).OfType<ConversationEnded>())
        {
            await world.AnalyseEndedChat().HandleAsync(ended, CancellationToken.None);
        }

        var interaction = Assert.Single(world.Interactions.All);
        Assert.Equal(("chat-CS1", InteractionChannel.Chat, "agent-7", 300), (interaction.ExternalId, interaction.Channel, interaction.AgentId, interaction.DurationSeconds));
        await world.Ingest().Handle(new IngestInteraction(interaction.Id), CancellationToken.None);
        var sent = Assert.Single(world.Analysis.Ingested);
        Assert.Equal(("""[{"speaker":"agent","text":"Hi"}]""", null), (sent.TranscriptText, sent.AudioUrl));
        Assert.Equal("CS1", sent.Metadata["session_id"]);
    }

    [Fact]
    public async Task An_erased_users_call_is_not_recorded_for_analysis()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var (_, recorded) = world.RecordedCall(user);
        user.Offboard(null, TestUsers.T0);
        user.ErasePersonalData("hash");

        await world.AnalyseRecordedCall().HandleAsync(recorded, CancellationToken.None);

        Assert.Empty(world.Interactions.All);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task The_transcript_in_the_detail_is_kept_on_the_interactions_conversations()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);
        world.Analysis.Transcript = new InteractionTranscript("""[{"text":"Hi"}]""", null, "https://cqa.example.com/t/1");

        await world.FetchTranscript().Handle(new FetchInteractionTranscript(interaction.Id), CancellationToken.None);

        var own = world.Conversations.All.Single(conversation => conversation.Id == interaction.ConversationId);
        Assert.Equal(("""[{"text":"Hi"}]""", "https://cqa.example.com/t/1"), (own.Transcript, own.TranscriptUrl));
    }

    [Fact]
    public async Task A_detail_without_a_transcript_changes_nothing()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var interaction = await world.IngestedCallAsync(user);
        world.Analysis.Transcript = new InteractionTranscript(null, null, null);

        await world.FetchTranscript().Handle(new FetchInteractionTranscript(interaction.Id), CancellationToken.None);

        var own = world.Conversations.All.Single(conversation => conversation.Id == interaction.ConversationId);
        Assert.Equal((null, null), (own.Transcript, own.TranscriptUrl));
        Assert.Empty(world.UnitOfWork.EventKeys);
    }
}
