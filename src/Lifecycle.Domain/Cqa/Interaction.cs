using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Cqa;

/// <summary>How CQA is given the interaction: a call's recording, or a chat's text.</summary>
public enum InteractionChannel
{
    Voice,
    Chat,
}

public enum InteractionStatus
{
    /// <summary>Waiting for the outbox to hand it to CQA (again, after a failed analysis).</summary>
    Pending,

    /// <summary>CQA took it; the analysis is under way.</summary>
    Ingested,

    Completed,

    /// <summary>CQA refused it, or its analysis failed more often than we re-ingest.</summary>
    Failed,

    /// <summary>Not sent: the user was offboarded first.</summary>
    Withdrawn,
}

public static class InteractionStatusNames
{
    public static WireNames<InteractionStatus> Wire { get; } = new(new Dictionary<InteractionStatus, string>
    {
        [InteractionStatus.Pending] = "pending",
        [InteractionStatus.Ingested] = "ingested",
        [InteractionStatus.Completed] = "completed",
        [InteractionStatus.Failed] = "failed",
        [InteractionStatus.Withdrawn] = "withdrawn",
    });
}

/// <summary>What a failed analysis leads to.</summary>
public enum FailedAnalysis
{
    /// <summary>Handed to CQA again.</summary>
    Reingest,

    /// <summary>Re-ingested as often as allowed: it stays failed.</summary>
    GaveUp,

    /// <summary>Not being analysed (already completed, failed or waiting to be sent): nothing changes.</summary>
    Ignored,
}

/// <summary>Who and what an interaction is about, as recorded when it ended.</summary>
/// <param name="ExternalId">Ours, unique: <c>call-{CallSid}</c> or <c>chat-{SessionId}</c>.</param>
/// <param name="StageAtIngest">The user's stage when the interaction ended (sent as <c>lifecycle_stage</c>).</param>
/// <param name="CallSid">For a call: the sid every conversation of the call is known by.</param>
public sealed record InteractionSubject(
    string ExternalId, UserId UserId, InteractionChannel Channel, Guid ConversationId, LifecycleStage StageAtIngest,
    DateTimeOffset StartedAt, int DurationSeconds)
{
    public string? CallSid { get; init; }

    public string? AgentId { get; init; }

    public string? TicketId { get; init; }

    public string? SessionId { get; init; }

    public string? CampaignId { get; init; }

    public string? AudioUrl { get; init; }
}

/// <summary>One KPI of an analysis (CQA's <c>kpiResults[]</c>).</summary>
public sealed record KpiResult(
    string KpiId, string? KpiName, string? CategoryId, string? AiResponse, string? AiJustification, string? AiSuggestion,
    double? FinalScore, bool? IsCritical)
{
    /// <summary>Matches <paramref name="idOrName"/> by KPI id or name, without regard to case.</summary>
    public bool Is(string idOrName) =>
        string.Equals(KpiId, idOrName, StringComparison.OrdinalIgnoreCase) || string.Equals(KpiName, idOrName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A category's score (guide §5 <c>categories[{name, finalScore}]</c>).</summary>
public sealed record CategoryScore(string Name, double? FinalScore);

/// <summary>A finished analysis as CQA reported it.</summary>
public sealed record Analysis(
    string? AnalysisId, double FinalScore, double? CriticalityAdjustedScore, IReadOnlyList<KpiResult> Kpis, IReadOnlyList<CategoryScore> Categories);

/// <summary>
/// A voice or chat interaction we hand Exotel CQA for quality analysis (guide §3.7): recorded when it ended, sent by the
/// outbox, scored by CQA's callback. Known by our <see cref="ExternalId"/>, which CQA de-duplicates on.
/// </summary>
public sealed class Interaction : AggregateRoot
{
    private Interaction()
    {
        ExternalId = string.Empty;
    }

    public Guid Id { get; private set; }

    public string ExternalId { get; private set; }

    public UserId UserId { get; private set; }

    public InteractionChannel Channel { get; private set; }

    /// <summary>The call's or the chat's own conversation.</summary>
    public Guid ConversationId { get; private set; }

    public string? CallSid { get; private set; }

    public string? AgentId { get; private set; }

    /// <summary>Our ticket the interaction was about, as sent in <c>ticket_id</c>.</summary>
    public string? TicketId { get; private set; }

    public string? SessionId { get; private set; }

    public string? CampaignId { get; private set; }

    public LifecycleStage StageAtIngest { get; private set; }

    /// <summary>The recording of a call (personal data: erased at offboarding).</summary>
    public string? AudioUrl { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public int DurationSeconds { get; private set; }

    public InteractionStatus Status { get; private set; }

    /// <summary>The latest CQA event about it, e.g. <c>INTERACTION_ANALYSIS_IN_PROGRESS</c>.</summary>
    public string? LastEvent { get; private set; }

    /// <summary>How often it was handed to CQA again after a failed analysis.</summary>
    public int ReingestCount { get; private set; }

    public string? Failure { get; private set; }

    public string? AnalysisId { get; private set; }

    public double? FinalScore { get; private set; }

    public double? CriticalityAdjustedScore { get; private set; }

    /// <summary>Every KPI result of the latest analysis.</summary>
    public IReadOnlyList<KpiResult> Kpis { get; private set; } = [];

    public IReadOnlyList<CategoryScore> Categories { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static Interaction Record(InteractionSubject subject, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject.ExternalId);
        return new Interaction
        {
            Id = Guid.CreateVersion7(now),
            ExternalId = subject.ExternalId,
            UserId = subject.UserId,
            Channel = subject.Channel,
            ConversationId = subject.ConversationId,
            CallSid = subject.CallSid,
            AgentId = subject.AgentId,
            TicketId = subject.TicketId,
            SessionId = subject.SessionId,
            CampaignId = subject.CampaignId,
            StageAtIngest = subject.StageAtIngest,
            AudioUrl = subject.AudioUrl,
            StartedAt = subject.StartedAt,
            DurationSeconds = subject.DurationSeconds,
            Status = InteractionStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The metadata CQA keeps with the interaction (a string map); empty values are left out.</summary>
    public IReadOnlyDictionary<string, string> Metadata()
    {
        var metadata = new Dictionary<string, string>
        {
            ["user_id"] = UserId.ToString(),
            ["lifecycle_stage"] = StageAtIngest.Name(),
        };
        Add(metadata, "agent_id", AgentId);
        Add(metadata, "ticket_id", TicketId);
        Add(metadata, "session_id", SessionId);
        Add(metadata, "campaign", CampaignId);
        return metadata;

        static void Add(Dictionary<string, string> metadata, string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                metadata[name] = value;
            }
        }
    }

    public bool IsPending => Status == InteractionStatus.Pending;

    public void MarkIngested(DateTimeOffset now) => Move(InteractionStatus.Ingested, null, now);

    /// <summary>CQA refused the interaction (a 4xx): it is not sent again.</summary>
    public void MarkRefused(string reason, DateTimeOffset now) => Move(InteractionStatus.Failed, reason, now);

    /// <summary>The user was offboarded before the interaction was sent: it never is.</summary>
    public void Withdraw(DateTimeOffset now) => Move(InteractionStatus.Withdrawn, "user offboarded", now);

    /// <summary>An event CQA reported that needs no decision (ingested, in progress, disputes…).</summary>
    public void RecordEvent(string name, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        LastEvent = name;
        UpdatedAt = now;
    }

    /// <summary>
    /// The analysis is complete. The same analysis reported again (a second delivery of one completion) changes nothing;
    /// a new analysis (after a dispute) replaces the scores.
    /// </summary>
    /// <returns>True when this is a new analysis: its decisions are due.</returns>
    public bool Complete(string eventName, Analysis analysis, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        LastEvent = eventName;
        UpdatedAt = now;
        if (Status == InteractionStatus.Completed && (analysis.AnalysisId is null || analysis.AnalysisId == AnalysisId))
        {
            return false;
        }

        Status = InteractionStatus.Completed;
        Failure = null;
        AnalysisId = analysis.AnalysisId;
        FinalScore = analysis.FinalScore;
        CriticalityAdjustedScore = analysis.CriticalityAdjustedScore;
        Kpis = [.. analysis.Kpis];
        Categories = [.. analysis.Categories];
        CompletedAt = now;
        return true;
    }

    /// <summary>
    /// CQA could not analyse the interaction: it is handed over again, at most <paramref name="maxReingests"/> times;
    /// then it stays failed. A failure reported after a completion changes nothing.
    /// </summary>
    public FailedAnalysis Fail(string eventName, string reason, int maxReingests, DateTimeOffset now)
    {
        LastEvent = eventName;
        UpdatedAt = now;
        if (Status is not InteractionStatus.Ingested)
        {
            return FailedAnalysis.Ignored;
        }

        if (ReingestCount >= maxReingests)
        {
            Move(InteractionStatus.Failed, reason, now);
            return FailedAnalysis.GaveUp;
        }

        ReingestCount++;
        Move(InteractionStatus.Pending, reason, now);
        return FailedAnalysis.Reingest;
    }

    /// <summary>Offboarding: the recording link and what the analysis said about the conversation go.</summary>
    public void ErasePersonalData()
    {
        AudioUrl = null;
        Kpis = [.. Kpis.Select(kpi => kpi with { AiJustification = null, AiSuggestion = null })];
    }

    private void Move(InteractionStatus status, string? failure, DateTimeOffset now)
    {
        Status = status;
        Failure = failure;
        UpdatedAt = now;
    }
}
