using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Voice;

/// <summary>A call to place: a voicebot flow of <see cref="Purpose"/> to <see cref="Phone"/>, or an agent's click-to-call.</summary>
public sealed record CallToPlace(CallPurpose Purpose, string Phone, string CustomField, string? AgentId);

/// <summary>What became of a call we asked the provider to place.</summary>
public abstract record CallPlacementResult
{
    private CallPlacementResult()
    {
    }

    public sealed record Placed(string CallSid) : CallPlacementResult;

    /// <summary>Refused for good (4xx): the call never rang.</summary>
    public sealed record Refused(string Code, string Reason) : CallPlacementResult;

    /// <summary>The request may have reached the provider: the call may be ringing (ADR 0006).</summary>
    public sealed record OutcomeUnknown(string Reason) : CallPlacementResult;
}

/// <summary>Places calls through the provider's voice API.</summary>
public interface ICallGateway
{
    /// <summary>Provider hiccups (429, 5xx before the request was taken) throw, and the outbox retries.</summary>
    Task<CallPlacementResult> PlaceAsync(CallToPlace call, CancellationToken ct);
}
