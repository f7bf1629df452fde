using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Chatbot;

/// <summary>An event of an Exotel chatbot session (api.md: <c>POST /webhooks/exotel/chatbot</c>).</summary>
public sealed record ApplyChatbotEvent(string Event, string SessionId, Guid UserId, string? Summary, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public const string SessionStalled = "session_stalled";
    public const string SetupComplete = "setup_complete";

    public string CorrelationId => SessionId;
}

internal sealed class ApplyChatbotEventHandler(
    IUserRepository users, IConversationRepository conversations, MessageLadder ladder, TimeProvider clock)
    : ICommandHandler<ApplyChatbotEvent>
{
    public async ValueTask<Unit> Handle(ApplyChatbotEvent command, CancellationToken ct)
    {
        if (await users.FindAsync(new UserId(command.UserId), ct) is not { } user)
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        var conversation = await conversations.FindBySessionAsync(command.SessionId, ct)
            ?? await conversations.FindOpenAsync(user.Id, ChatbotFlow.Onboarding, ct);
        if (conversation is null)
        {
            conversation = Conversation.Start(user.Id, Channel.WhatsApp, ChatbotFlow.Onboarding, command.SessionId, now);
            conversations.Add(conversation);
        }

        conversation.AttachSession(command.SessionId);
        conversation.Record(command.Event, command.Summary, now);
        switch (command.Event)
        {
            case ApplyChatbotEvent.SessionStalled:
                // Guide §4.1: stuck for 10 minutes in onboarding → offer an agent on WhatsApp.
                await ladder.SendAsync(user, ChatbotFlow.AgentOffer, new Dictionary<string, string> { ["name"] = user.Name ?? "there" }, Channel.WhatsApp, ct);
                break;
            case ApplyChatbotEvent.SetupComplete:
                conversation.End("resolved", now);
                if (user.Stage == LifecycleStage.Onboarding)
                {
                    user.TransitionTo(LifecycleStage.Activated, "chatbot:setup_complete", command.SessionId, now);
                }

                break;
        }

        return Unit.Value;
    }
}
