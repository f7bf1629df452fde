using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>What a call we place is for (api.md <c>POST /api/users/{id}/calls</c> <c>purpose</c>).</summary>
public enum CallPurpose
{
    /// <summary>The activation voicebot flow (guide §4.2).</summary>
    Activation,

    /// <summary>The win-back voicebot flow (guide §4.3).</summary>
    WinBack,

    /// <summary>The support voicebot flow (guide §4.4).</summary>
    Support,

    /// <summary>A dashboard agent connected to the user by click-to-call (Voice v2 CCM).</summary>
    Agent,
}

public static class CallPurposeNames
{
    public static WireNames<CallPurpose> Wire { get; } = new(new Dictionary<CallPurpose, string>
    {
        [CallPurpose.Activation] = "activation",
        [CallPurpose.WinBack] = "win_back",
        [CallPurpose.Support] = "support",
        [CallPurpose.Agent] = "agent",
    });

    public static string Name(this CallPurpose purpose) => Wire.Name(purpose);

    /// <summary>Every purpose but <see cref="CallPurpose.Agent"/> plays a voicebot flow.</summary>
    public static bool IsBot(this CallPurpose purpose) => purpose != CallPurpose.Agent;
}

/// <summary>
/// A call we place to a user: a voicebot flow or an agent's click-to-call. Created when it is asked for (the answer's
/// <c>callId</c>), placed by the outbox, and known by its CallSid from then on; its long context is stored here and
/// fetched by the voicebot's tool (<c>GET /api/calls/{callSid}</c>) because <c>CustomField</c> holds 128 characters.
/// </summary>
public sealed class Call : AggregateRoot
{
    private Call()
    {
        CustomField = string.Empty;
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public CallPurpose Purpose { get; private set; }

    /// <summary>1 for a first call, 2 for its first retry…: the retry ladders count with it.</summary>
    public int Attempt { get; private set; }

    /// <summary>The short correlation handed to Exotel and back: <c>user_id:{userId}|call:{callId}</c>.</summary>
    public string CustomField { get; private set; }

    /// <summary>Longer context for the voicebot's tool (JSON text), e.g. a chat's summary or the prior steps.</summary>
    public string? Context { get; private set; }

    /// <summary>The chat session this call continues, when it is a handoff from the chatbot.</summary>
    public string? ChatSessionId { get; private set; }

    /// <summary>The Exotel user id of the dashboard agent (agent calls).</summary>
    public string? AgentId { get; private set; }

    public string? TicketId { get; private set; }

    /// <summary>Exotel's sid, once the call has been placed.</summary>
    public string? CallSid { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public static string CustomFieldOf(UserId userId, Guid callId) => $"user_id:{userId}|call:{callId:N}";

    /// <summary>The call id of a custom field we made, or null when it is not one.</summary>
    public static Guid? CallIdOf(string? customField)
    {
        const string marker = "|call:";
        var at = customField?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        return at >= 0 && Guid.TryParseExact(customField.AsSpan(at + marker.Length), "N", out var id) ? id : null;
    }

    public static Call Request(
        UserId userId, CallPurpose purpose, int attempt, DateTimeOffset now,
        string? context = null, string? chatSessionId = null, string? agentId = null, string? ticketId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (purpose == CallPurpose.Agent && string.IsNullOrWhiteSpace(agentId))
        {
            throw new ArgumentException("An agent call needs the agent's id.", nameof(agentId));
        }

        var id = Guid.CreateVersion7(now);
        return new Call
        {
            Id = id,
            UserId = userId,
            Purpose = purpose,
            Attempt = attempt,
            CustomField = CustomFieldOf(userId, id),
            Context = context,
            ChatSessionId = chatSessionId,
            AgentId = agentId,
            TicketId = ticketId,
            RequestedAt = now,
        };
    }
}
