using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>Why a person has to act (api.md <c>GET /api/tickets</c>).</summary>
public enum TicketKind
{
    /// <summary>The voicebot could not reach the user: a human should (policies.md "human outreach queue").</summary>
    HumanOutreach,
}

public static class TicketKindNames
{
    public static WireNames<TicketKind> Wire { get; } = new(new Dictionary<TicketKind, string>
    {
        [TicketKind.HumanOutreach] = "human_outreach",
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

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public TicketKind Kind { get; private set; }

    public string Reason { get; private set; }

    /// <summary><c>open</c> until someone closes it.</summary>
    public string Status { get; private set; }

    /// <summary>The call that led to it, if any.</summary>
    public string? CallSid { get; private set; }

    public Guid? ConversationId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Ticket Open(UserId userId, TicketKind kind, string reason, string? callSid, Guid? conversationId, DateTimeOffset now)
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
            CreatedAt = now,
        };
    }
}
