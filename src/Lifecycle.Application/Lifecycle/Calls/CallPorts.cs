using Lifecycle.Application.Common.Messaging;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle.Calls;

public interface ICallRepository
{
    Task<Call?> FindAsync(Guid id, CancellationToken ct);

    Task<Call?> FindByCallSidAsync(string callSid, CancellationToken ct);

    void Add(Call call);
}

/// <summary>
/// Outbox message: place a call asked for earlier (<see cref="CallRequests"/>). The core writes it; the module that
/// speaks to the provider's voice API handles it.
/// </summary>
public sealed record PlaceCall(Guid CallId) : IOutboxMessage, IRateLimitedMessage, ICorrelated
{
    /// <summary>The quota lane of Exotel's Voice API.</summary>
    public string RateLane => "voice";

    public string CorrelationId => CallId.ToString();
}

/// <summary>Asks for a call: the call is recorded (its id is the answer's <c>callId</c>) and placed by the outbox after commit.</summary>
public sealed class CallRequests(ICallRepository calls, Common.Persistence.IOutbox outbox, TimeProvider clock)
{
    public Call Request(
        UserId userId, CallPurpose purpose, int attempt = 1,
        string? context = null, string? chatSessionId = null, string? agentId = null, string? ticketId = null)
    {
        var call = Call.Request(userId, purpose, attempt, clock.GetUtcNow(), context, chatSessionId, agentId, ticketId);
        calls.Add(call);
        outbox.Enqueue(new PlaceCall(call.Id));
        return call;
    }
}
