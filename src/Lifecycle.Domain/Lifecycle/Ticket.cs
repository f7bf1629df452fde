using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>Why a person has to act (api.md <c>GET /api/tickets</c>).</summary>
public enum TicketKind
{
    /// <summary>The voicebot could not reach the user: a human should (policies.md "human outreach queue").</summary>
    HumanOutreach,

    /// <summary>A support case the bots could not settle (a chat handed to voice, a live chat no agent took in time).</summary>
    Support,

    /// <summary>The user's issue was not resolved on the first call (CQA's first-call-resolution KPI): call them back.</summary>
    Callback,
}

public static class TicketKindNames
{
    public static WireNames<TicketKind> Wire { get; } = new(new Dictionary<TicketKind, string>
    {
        [TicketKind.HumanOutreach] = "human_outreach",
        [TicketKind.Support] = "support",
        [TicketKind.Callback] = "callback",
    });

    public static string Name(this TicketKind kind) => Wire.Name(kind);
}

/// <summary>Work for a person about a user, opened by a flow that ran out of automatic options.</summary>
public sealed class Ticket : AggregateRoot
{
    private Ticket()
    {
        Reason = string.Empty;
        Status = OpenStatus;
    }

    public const string OpenStatus = "open";

    public const string ClosedStatus = "closed";

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public TicketKind Kind { get; private set; }

    public string Reason { get; private set; }

    /// <summary><c>open</c> until it is closed (by a person, or automatically after a well-scored interaction).</summary>
    public string Status { get; private set; }

    /// <summary>The call that led to it, if any.</summary>
    public string? CallSid { get; private set; }

    public Guid? ConversationId { get; private set; }

    /// <summary>The agent the ticket is about or assigned to, when known.</summary>
    public string? AgentId { get; private set; }

    /// <summary>The analysed interaction behind it (our <c>external_interaction_id</c>, e.g. <c>call-{CallSid}</c>).</summary>
    public string? InteractionId { get; private set; }

    /// <summary>When the work is due (a callback's time).</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Why it was closed, e.g. <c>cqa:auto_close</c>.</summary>
    public string? Resolution { get; private set; }

    public bool IsOpen => Status == OpenStatus;

    public static Ticket Open(
        UserId userId, TicketKind kind, string reason, string? callSid, Guid? conversationId, DateTimeOffset now,
        string? agentId = null, string? interactionId = null, DateTimeOffset? dueAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new Ticket
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Kind = kind,
            Reason = reason,
            CallSid = callSid,
            ConversationId = conversationId,
            AgentId = agentId,
            InteractionId = interactionId,
            DueAt = dueAt,
            CreatedAt = now,
        };
    }

    /// <summary>Closes an open ticket; closing a closed one changes nothing.</summary>
    /// <returns>True when this closed it.</returns>
    public bool Close(string resolution, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resolution);
        if (!IsOpen)
        {
            return false;
        }

        Status = ClosedStatus;
        Resolution = resolution;
        ClosedAt = now;
        return true;
    }
}
