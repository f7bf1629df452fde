using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Cqa;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Cqa;

/// <summary>What a CQA event means to us.</summary>
public enum CqaEventKind
{
    /// <summary><c>INTERACTION_ANALYSIS_COMPLETED</c> with a final score.</summary>
    AnalysisCompleted,

    /// <summary><c>INTERACTION_ANALYSIS_FAILED</c>.</summary>
    AnalysisFailed,

    /// <summary>Any other event (ingested, in progress, disputes, file ingestion, words we do not know): recorded only.</summary>
    Other,
}

/// <summary>A CQA callback (<c>/webhooks/cqa</c>) in our words.</summary>
/// <param name="Name">The event as CQA named it, kept as sent.</param>
/// <param name="Analysis">The scores of a completed analysis.</param>
/// <param name="Failure">Why an analysis failed, as CQA said it.</param>
public sealed record ApplyCqaEvent(
    string EventKey, CqaEventKind Kind, string Name, string? ExternalInteractionId, Analysis? Analysis = null, string? Failure = null)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => ExternalInteractionId ?? EventKey;
}

/// <summary>
/// Applies a CQA event to our interaction (events about interactions that are not ours are ignored). A completed
/// analysis runs its decisions once per analysis and queues the fetch of the transcript; a failed one is re-ingested
/// up to <see cref="CqaOptions.MaxReingests"/> times.
/// </summary>
internal sealed partial class ApplyCqaEventHandler(
    IInteractionRepository interactions,
    QualityDecisions decisions,
    IOutbox outbox,
    IOptions<CqaOptions> options,
    TimeProvider clock,
    ILogger<ApplyCqaEventHandler> logger) : ICommandHandler<ApplyCqaEvent>
{
    public async ValueTask<Unit> Handle(ApplyCqaEvent command, CancellationToken ct)
    {
        if (command.ExternalInteractionId is not { } externalId || await interactions.FindByExternalIdAsync(externalId, ct) is not { } interaction)
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        switch (command)
        {
            case { Kind: CqaEventKind.AnalysisCompleted, Analysis: { } analysis }:
                if (interaction.Complete(command.Name, analysis, now))
                {
                    await decisions.ApplyAsync(interaction, analysis, ct);
                    outbox.Enqueue(new FetchInteractionTranscript(interaction.Id));
                }

                break;
            case { Kind: CqaEventKind.AnalysisFailed }:
                var reason = command.Failure ?? "analysis failed";
                switch (interaction.Fail(command.Name, reason, options.Value.MaxReingests, now))
                {
                    case FailedAnalysis.Reingest:
                        outbox.Enqueue(new IngestInteraction(interaction.Id));
                        break;
                    case FailedAnalysis.GaveUp:
                        LogGaveUp(externalId, interaction.ReingestCount, reason);
                        break;
                }

                break;
            default:
                interaction.RecordEvent(command.Name, now);
                break;
        }

        return Unit.Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CQA could not analyse interaction {ExternalId} after {Reingests} re-ingests: {Reason}; it stays failed")]
    private partial void LogGaveUp(string externalId, int reingests, string reason);
}
