using Lifecycle.Application.Common.Messaging;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle.Calls;

public interface ICallRepository
{
    Task<Call?> FindAsync(Guid id, CancellationToken ct);

    Task<Call?> FindByCallSidAsync(string callSid, CancellationToken ct);

    /// <summary>The latest call that continues a chat session (a chatbot's handoff to voice), if any.</summary>
    Task<Call?> FindLatestForChatSessionAsync(string chatSessionId, CancellationToken ct);

    void Add(Call call);
}

/// <summary>
/// Outbox message: place a call asked for earlier (<see cref="CallRequests"/>). The core writes it; the module that
/// speaks to the provider's voice API handles it.
/// </summary>
/// Placing commits in steps of its own (the call is marked as being placed before Exotel is asked, ADR 0006).
public sealed record PlaceCall(Guid CallId) : IOutboxMessage, IRateLimitedMessage, ICorrelated, ICommitsOutsideUnitOfWork
{
    /// <summary>The quota lane of Exotel's Voice API.</summary>
    public string RateLane => "voice";

    public string CorrelationId => CallId.ToString();
}

/// <summary>
/// Asks for a call: the call and its conversation (Voice for an agent, Voicebot for a flow) are recorded — the call's id
/// is the answer's <c>callId</c> — and the call is placed by the outbox after commit.
/// </summary>
public sealed class CallRequests(ICallRepository calls, IConversationRepository conversations, Common.Persistence.IOutbox outbox, TimeProvider clock)
{
    /// <param name="parentConversationId">The conversation this call continues (the chat of <paramref name="chatSessionId"/>).</param>
    public Call Request(
        UserId userId, CallPurpose purpose, int attempt = 1,
        string? context = null, string? chatSessionId = null, string? agentId = null, string? ticketId = null,
        Guid? parentConversationId = null)
    {
        var now = clock.GetUtcNow();
        var conversation = Conversation.Start(
            userId, purpose.IsBot() ? Channel.Voicebot : Channel.Voice, purpose.Name(), sessionId: null, now, parentConversationId);
        var call = Call.Request(userId, purpose, attempt, now, context, chatSessionId, agentId, ticketId, conversation.Id);
        conversations.Add(conversation);
        calls.Add(call);
        outbox.Enqueue(new PlaceCall(call.Id));
        return call;
    }
}
