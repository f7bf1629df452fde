using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Cqa;

/// <summary>
/// Records an interaction for analysis and queues its ingestion, once per external id: the same call or chat reported
/// again (a re-delivered event) is not recorded twice. An offboarded user's interactions (erased or about to be) are not recorded at all.
/// </summary>
internal sealed class InteractionIntake(IInteractionRepository interactions, IUserRepository users, IOutbox outbox, TimeProvider clock)
{
    public async Task RecordAsync(UserId userId, Func<User, InteractionSubject> subjectOf, string externalId, CancellationToken ct)
    {
        if (await users.FindAsync(userId, ct) is not { Stage: not LifecycleStage.Offboarded } user || await interactions.FindByExternalIdAsync(externalId, ct) is not null)
        {
            return;
        }

        var interaction = Interaction.Record(subjectOf(user), clock.GetUtcNow());
        interactions.Add(interaction);
        outbox.Enqueue(new IngestInteraction(interaction.Id));
    }
}

/// <summary>A completed voice or voicebot call with a recording is analysed from the recording (<c>call-{CallSid}</c>).</summary>
internal sealed class AnalyseRecordedCall(ICallRepository calls, InteractionIntake intake) : IDomainEventHandler<CallRecorded>
{
    public async Task HandleAsync(CallRecorded recorded, CancellationToken ct)
    {
        var call = await calls.FindAsync(recorded.CallId, ct);
        var externalId = $"call-{recorded.CallSid}";
        await intake.RecordAsync(
            recorded.UserId,
            user => new InteractionSubject(
                externalId, user.Id, InteractionChannel.Voice, recorded.ConversationId, user.Stage,
                call?.PlacedAt ?? recorded.At.AddSeconds(-(recorded.DurationSeconds ?? 0)), recorded.DurationSeconds ?? 0)
            {
                CallSid = recorded.CallSid,
                AgentId = call?.AgentId,
                TicketId = call?.TicketId,
                SessionId = call?.ChatSessionId,
                CampaignId = user.ActiveCampaignId,
                AudioUrl = recorded.RecordingUrl,
            },
            externalId,
            ct);
    }
}

/// <summary>A chat a live agent took part in is analysed from its transcript once it ends (<c>chat-{SessionId}</c>).</summary>
internal sealed class AnalyseEndedChat(IConversationRepository conversations, InteractionIntake intake) : IDomainEventHandler<ConversationEnded>
{
    public async Task HandleAsync(ConversationEnded ended, CancellationToken ct)
    {
        // Calls are analysed from their recordings (CallRecorded); a chat only bots took part in has no agent to review.
        if (ended.AgentId is null || ended.Channel is Channel.Voice or Channel.Voicebot)
        {
            return;
        }

        var conversation = await conversations.FindAsync(ended.ConversationId, ct);
        var session = ended.SessionId ?? ended.ConversationId.ToString("N");
        var externalId = $"chat-{session}";
        await intake.RecordAsync(
            ended.UserId,
            user => new InteractionSubject(
                externalId, user.Id, InteractionChannel.Chat, ended.ConversationId, user.Stage, ended.StartedAt,
                (int)Math.Round((ended.EndedAt - ended.StartedAt).TotalSeconds, MidpointRounding.AwayFromZero))
            {
                AgentId = ended.AgentId,
                TicketId = conversation?.TicketId?.ToString(),
                SessionId = ended.SessionId,
                CampaignId = user.ActiveCampaignId,
            },
            externalId,
            ct);
    }
}
