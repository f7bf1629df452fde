using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Cqa;

/// <summary>Status words of QA tasks and compliance alerts (api.md <c>?status=open</c>).</summary>
public static class ReviewStatus
{
    public const string Open = "open";

    public const string Done = "done";

    public static IReadOnlyList<string> All { get; } = [Open, Done];
}

/// <summary>A middling score (policies.md: 50–70): a person reviews the interaction (api.md <c>GET /api/qa-tasks</c>).</summary>
public sealed class QaTask
{
    private QaTask()
    {
        InteractionId = string.Empty;
        Status = ReviewStatus.Open;
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    /// <summary>Our <c>external_interaction_id</c>.</summary>
    public string InteractionId { get; private set; }

    public string? AgentId { get; private set; }

    public double Score { get; private set; }

    public string Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static QaTask Open(UserId userId, string interactionId, string? agentId, double score, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            InteractionId = interactionId,
            AgentId = agentId,
            Score = score,
            CreatedAt = now,
        };
}

/// <summary>A critical KPI scored 0 (policies.md): the agent's conduct needs a compliance review.</summary>
public sealed class ComplianceAlert
{
    private ComplianceAlert()
    {
        InteractionId = string.Empty;
        Status = ReviewStatus.Open;
        FailedKpis = [];
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public string InteractionId { get; private set; }

    public string? AgentId { get; private set; }

    public double Score { get; private set; }

    /// <summary>The critical KPIs that scored 0, by id.</summary>
    public IReadOnlyList<string> FailedKpis { get; private set; }

    public string Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static ComplianceAlert Raise(UserId userId, string interactionId, string? agentId, double score, IReadOnlyList<string> failedKpis, DateTimeOffset now)
    {
        if (failedKpis.Count == 0)
        {
            throw new ArgumentException("A compliance alert names the KPIs that failed.", nameof(failedKpis));
        }

        return new ComplianceAlert
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            InteractionId = interactionId,
            AgentId = agentId,
            Score = score,
            FailedKpis = [.. failedKpis],
            CreatedAt = now,
        };
    }
}
