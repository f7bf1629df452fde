using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Chatbot;

/// <summary>
/// The live-chat queue's clock (guide §3.8 "Fallback", policies.md "No live-chat agent within SLA"): a chat handed to
/// the queue arms a timer of <see cref="ChatbotOptions.AgentSla"/>; an agent taking it (or the session closing) stops it.
/// </summary>
/// <remarks>
/// The timer is keyed by the conversation, not as one of the user's follow-ups: a reply of the user — the very "Talk to
/// someone" that queued the chat — cancels every follow-up, and must not stop this clock. Offboarding is checked when it
/// fires instead.
/// </remarks>
internal sealed class LiveChat(ITimers timers, IOptions<QueueOptions> queues, IOptions<ChatbotOptions> options)
{
    public static string ClockKey(Guid conversationId) => $"live-chat-sla:{conversationId:N}";

    /// <summary>Hands the chat to the support agents' live-chat queue.</summary>
    public Task QueueAsync(Conversation chat, DateTimeOffset now, CancellationToken ct) => QueueAsync(chat, queues.Value.Support, now, ct);

    public async Task QueueAsync(Conversation chat, string queue, DateTimeOffset now, CancellationToken ct)
    {
        chat.HandTo(queue, now);
        var key = ClockKey(chat.Id);
        if (chat.AgentId is null && (await timers.PendingKeysAsync(key, ct)).Count == 0)
        {
            timers.Schedule(key, now + options.Value.AgentSla, new CheckLiveChatSla(chat.Id));
        }
    }

    public async Task AssignAsync(Conversation chat, string? agentId, DateTimeOffset now, CancellationToken ct)
    {
        if (agentId is not null)
        {
            chat.AssignAgent(agentId, now);
        }

        await StopClockAsync(chat, ct);
    }

    public Task StopClockAsync(Conversation chat, CancellationToken ct) => timers.CancelAsync(ClockKey(chat.Id), ct);
}
