using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Cqa;

public interface IInteractionRepository
{
    Task<Interaction?> FindAsync(Guid id, CancellationToken ct);

    Task<Interaction?> FindByExternalIdAsync(string externalId, CancellationToken ct);

    void Add(Interaction interaction);
}

/// <summary>The work a score leaves for people: QA review tasks and compliance alerts.</summary>
public interface IQualityReviews
{
    void Add(QaTask task);

    void Add(ComplianceAlert alert);

    /// <summary>Newest first, optionally of one status.</summary>
    Task<Paged<QaTask>> ListTasksAsync(string? status, PageRequest page, CancellationToken ct);

    /// <summary>Newest first, optionally of one status.</summary>
    Task<Paged<ComplianceAlert>> ListAlertsAsync(string? status, PageRequest page, CancellationToken ct);
}

/// <summary>An interaction as it is handed to the analysis provider.</summary>
/// <param name="TranscriptText">A chat's text; a call is analysed from its <paramref name="AudioUrl"/>.</param>
public sealed record InteractionSubmission(
    string ExternalId, InteractionChannel Channel, string? AudioUrl, string? TranscriptText, DateTimeOffset StartedAt, int DurationSeconds,
    IReadOnlyDictionary<string, string> Metadata);

public abstract record IngestResult
{
    private IngestResult()
    {
    }

    /// <summary>The provider has it (taken now, or already before).</summary>
    public sealed record Accepted : IngestResult;

    public sealed record Refused(string Code, string Reason) : IngestResult;
}

/// <summary>What the provider keeps about an analysed interaction that we store on its conversations.</summary>
/// <param name="TranscriptJson">The turns as JSON text, when the provider gives them.</param>
public sealed record InteractionTranscript(string? TranscriptJson, string? TranscriptText, string? TranscriptUrl)
{
    public bool IsEmpty => TranscriptJson is null && TranscriptText is null && TranscriptUrl is null;
}

/// <summary>
/// Conversation-quality analysis (Exotel CQA). What surely did not reach the provider, or may have, throws: the outbox
/// sends it again, which is harmless because the provider de-duplicates on the external id.
/// </summary>
public interface IQualityAnalysis
{
    Task<IngestResult> IngestAsync(InteractionSubmission submission, CancellationToken ct);

    /// <summary>The transcript the provider holds for an interaction; null when it does not know the interaction.</summary>
    Task<InteractionTranscript?> GetTranscriptAsync(string externalId, CancellationToken ct);
}
