using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Chatbot;

/// <summary>
/// Timer of <see cref="LiveChat"/>: the chat waited <see cref="ChatbotOptions.AgentSla"/> in the live-chat queue. If it is
/// still open and no agent took it, the user gets the <c>callback_scheduling</c> message and a support ticket is opened
/// (the one the chat already has, if a voice handoff opened it). The clock is armed once per chat, so this runs once.
/// </summary>
public sealed record CheckLiveChatSla(Guid ConversationId) : ITimerCommand, ICorrelated
{
    public const string Missed = "agent_sla_missed";

    public string CorrelationId => ConversationId.ToString();
}

internal sealed class CheckLiveChatSlaHandler(
    IConversationRepository conversations,
    IUserRepository users,
    SupportTickets tickets,
    MessageLadder ladder,
    IOptions<ChatbotOptions> options,
    TimeProvider clock) : ICommandHandler<CheckLiveChatSla>
{
    public async ValueTask<Unit> Handle(CheckLiveChatSla command, CancellationToken ct)
    {
        if (await conversations.FindAsync(command.ConversationId, ct) is not { IsOpen: true, AgentId: null } chat
            || await users.FindAsync(chat.UserId, ct) is not { Stage: not LifecycleStage.Offboarded } user)
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        chat.Record(CheckLiveChatSla.Missed, chat.Queue, now);
        await ladder.SendAsync(user, ChatbotFlow.CallbackScheduling, ChatbotFlow.Greeting(user), chat.Channel == Channel.WhatsApp ? Channel.WhatsApp : null, ct);
        await tickets.OpenAsync(chat, $"no live-chat agent within {options.Value.AgentSla}", ct);
        return Unit.Value;
    }
}
