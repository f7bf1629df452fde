using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Chatbot;

/// <summary>
/// Finds the conversation a chatbot event belongs to: the one of its session; else the user's latest open chat that the
/// provider has not named yet — opened by [Start Setup] or by the churn outreach's "Chat with us" — which takes the
/// session's id; else a new onboarding chat.
/// </summary>
internal sealed class ChatConversations(IConversationRepository conversations)
{
    private static readonly string[] OpenedByUs = [ChatbotFlow.Onboarding, ReachOutWhenAtRisk.ChatFlow];

    public async Task<Conversation> OfAsync(User user, string sessionId, Channel channel, DateTimeOffset now, CancellationToken ct)
    {
        var conversation = await conversations.FindBySessionAsync(sessionId, ct) ?? await LatestUnnamedAsync(user.Id, ct);
        if (conversation is null)
        {
            conversation = Conversation.Start(user.Id, channel, ChatbotFlow.Onboarding, sessionId, now);
            conversations.Add(conversation);
        }

        conversation.AttachSession(sessionId);
        return conversation;
    }

    private async Task<Conversation?> LatestUnnamedAsync(UserId userId, CancellationToken ct)
    {
        Conversation? latest = null;
        foreach (var flow in OpenedByUs)
        {
            if (await conversations.FindOpenAsync(userId, flow, ct) is { SessionId: null } open && (latest is null || open.StartedAt > latest.StartedAt))
            {
                latest = open;
            }
        }

        return latest;
    }
}
