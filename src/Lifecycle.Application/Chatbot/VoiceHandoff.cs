using System.Text.Json;
using System.Text.Json.Serialization;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Chatbot;

/// <summary>
/// Continues a chat on a support voicebot call (guide §3.8, §6): the user said YES to a call, or the bot handed the
/// issue to voice. One call per chat session, ever — a second consent or handoff (a re-delivery under another
/// timestamp) only refreshes the context the call's tool reads. The call carries the session, the support ticket it is
/// about (which quality analytics closes after a good call) and the chat as its parent conversation.
/// </summary>
internal sealed class VoiceHandoff(ICallRepository calls, CallRequests requests, SupportTickets tickets, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Snake = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task HandOffAsync(Conversation chat, CancellationToken ct)
    {
        var session = chat.SessionId!;
        if (await calls.FindLatestForChatSessionAsync(session, ct) is not null)
        {
            return;
        }

        var ticket = await tickets.OpenAsync(chat, "chat handed to a support call", ct);
        var call = requests.Request(
            chat.UserId, CallPurpose.Support,
            context: ContextOf(chat), chatSessionId: session, ticketId: ticket.Id.ToString(), parentConversationId: chat.Id);
        chat.Record("voice_call_requested", call.Id.ToString("N"), clock.GetUtcNow());
    }

    /// <summary>The guide's session context (§3.8, §6), which <c>GET /api/calls/{callSid}</c> hands the voicebot's tool.</summary>
    private static string ContextOf(Conversation chat) => JsonSerializer.Serialize(
        new CallContext(chat.SessionId!, chat.UserId.Value, chat.Context?.IssueSummary, chat.Context?.BotIntent, chat.Context?.PriorSteps ?? [], chat.Context?.ResolutionAttempts),
        Snake);

    private sealed record CallContext(
        string ChatSessionId, Guid UserId, string? IssueSummary, string? BotIntent, IReadOnlyList<string> PriorSteps, int? BotResolutionAttempts);
}
