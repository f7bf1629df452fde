using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Chatbot;

/// <summary>
/// An event of an Exotel chatbot session (api.md <c>POST /webhooks/exotel/chatbot</c>), recorded on the session's
/// conversation and acted on: a stall offers an agent, setup completion activates, consent or a handoff continues the
/// chat on a support voicebot call (or in the live-chat queue), an assigned agent stops the SLA clock, and the close
/// keeps the transcript and the outcome.
/// </summary>
public sealed record ApplyChatbotEvent(string Event, string SessionId, Guid UserId, string? Summary, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public const string SessionStalled = "session_stalled";
    public const string SetupComplete = "setup_complete";
    public const string CallConsent = "call_consent";
    public const string Handoff = "handoff";
    public const string LiveChatAssigned = "live_chat_assigned";
    public const string SessionClosed = "session_closed";

    public string? BotIntent { get; init; }

    public IReadOnlyList<string> PriorSteps { get; init; } = [];

    public int? ResolutionAttempts { get; init; }

    public string? AgentId { get; init; }

    /// <summary>The turns of the session as JSON text (an array, or a JSON string when the bot sent plain text).</summary>
    public string? Transcript { get; init; }

    public string? TranscriptUrl { get; init; }

    /// <summary><c>session_closed</c>: whether the bot or agent resolved the issue.</summary>
    public bool? Resolved { get; init; }

    /// <summary>Where the chat happens: WhatsApp, or the web widget (<see cref="Domain.Lifecycle.Channel.Chatbot"/>).</summary>
    public Channel Channel { get; init; } = Channel.WhatsApp;

    /// <summary>A <c>handoff</c> to the live-chat agents rather than to a voice call.</summary>
    public bool ToLiveChat { get; init; }

    public string CorrelationId => SessionId;

    /// <summary>What the bot handed on, or null when the event carries none of it.</summary>
    public ChatContext? Context =>
        Summary is null && BotIntent is null && PriorSteps.Count == 0 && ResolutionAttempts is null
            ? null
            : new ChatContext(Summary, BotIntent, PriorSteps, ResolutionAttempts);
}

internal sealed class ApplyChatbotEventHandler(
    IUserRepository users,
    ChatConversations chats,
    VoiceHandoff voice,
    LiveChat liveChat,
    MessageLadder ladder,
    TimeProvider clock) : ICommandHandler<ApplyChatbotEvent>
{
    public async ValueTask<Unit> Handle(ApplyChatbotEvent command, CancellationToken ct)
    {
        if (await users.FindAsync(new UserId(command.UserId), ct) is not { } user)
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        var conversation = await chats.OfAsync(user, command.SessionId, command.Channel, now, ct);
        conversation.Record(command.Event, command.Summary ?? command.AgentId, now);
        switch (command.Event)
        {
            case ApplyChatbotEvent.SessionStalled:
                // Guide §4.1: stuck for 10 minutes in onboarding → offer an agent on WhatsApp.
                await ladder.SendAsync(user, ChatbotFlow.AgentOffer, ChatbotFlow.Greeting(user), Channel.WhatsApp, ct);
                break;
            case ApplyChatbotEvent.SetupComplete:
                conversation.End(ChatOutcomes.Resolved, now);
                if (user.Stage == LifecycleStage.Onboarding)
                {
                    user.TransitionTo(LifecycleStage.Activated, "chatbot:setup_complete", command.SessionId, now);
                }

                break;
            case ApplyChatbotEvent.Handoff when command.ToLiveChat:
                RecordContext(conversation, command, now);
                await liveChat.QueueAsync(conversation, now, ct);
                break;
            case ApplyChatbotEvent.CallConsent or ApplyChatbotEvent.Handoff:
                RecordContext(conversation, command, now);
                await voice.HandOffAsync(conversation, ct);
                break;
            case ApplyChatbotEvent.LiveChatAssigned:
                conversation.RecordTranscript(null, command.TranscriptUrl);
                await liveChat.AssignAsync(conversation, command.AgentId, now, ct);
                break;
            case ApplyChatbotEvent.SessionClosed:
                await CloseAsync(user, conversation, command, now, ct);
                break;
        }

        return Unit.Value;
    }

    private static void RecordContext(Conversation conversation, ApplyChatbotEvent command, DateTimeOffset now)
    {
        if (command.Context is { } context)
        {
            conversation.RecordContext(context, now);
        }
    }

    /// <summary>
    /// The transcript and the agent are recorded before the end, which announces the finished conversation to whoever
    /// reviews live chats. A resolved chat is a contact and wins an at-risk user back (policies.md "chatbot resolved").
    /// </summary>
    private async Task CloseAsync(User user, Conversation conversation, ApplyChatbotEvent command, DateTimeOffset now, CancellationToken ct)
    {
        conversation.RecordTranscript(command.Transcript, command.TranscriptUrl);
        if (command.AgentId is { } agentId)
        {
            conversation.AssignAgent(agentId, now);
        }

        await liveChat.StopClockAsync(conversation, ct);
        conversation.End(ChatOutcomes.Of(conversation, command.Resolved == true), now);
        if (command.Resolved != true)
        {
            return;
        }

        user.RecordContact(conversation.Channel, now);
        if (user.Stage == LifecycleStage.AtRisk && StagePolicy.Allows(user.Stage, LifecycleStage.Engaged))
        {
            user.TransitionTo(LifecycleStage.Engaged, "chatbot:resolved", command.SessionId, now);
        }
    }
}

/// <summary>How a chat ends (guide §6 <c>outcome</c>).</summary>
internal static class ChatOutcomes
{
    public const string Resolved = "resolved";
    public const string Escalated = "escalated";
    public const string Unresolved = "unresolved";

    /// <summary>An unresolved chat that went on to a person, a call or a ticket was escalated; else it was left unresolved.</summary>
    public static string Of(Conversation conversation, bool resolved) =>
        resolved ? Resolved
        : conversation.AgentId is not null || conversation.Queue is not null || conversation.TicketId is not null ? Escalated
        : Unresolved;
}
