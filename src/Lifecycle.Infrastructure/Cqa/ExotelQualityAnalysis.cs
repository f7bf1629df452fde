using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Cqa;
using Lifecycle.Domain.Cqa;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary><see cref="IQualityAnalysis"/> on Exotel CQA (<see cref="ExotelCqa"/>).</summary>
internal sealed class ExotelQualityAnalysis(ExotelCqa cqa) : IQualityAnalysis
{
    public async Task<IngestResult> IngestAsync(InteractionSubmission submission, CancellationToken ct)
    {
        var interaction = new InteractionToAnalyse
        {
            ExternalInteractionId = submission.ExternalId,
            Channel = submission.Channel == InteractionChannel.Voice ? CqaChannel.Voice : CqaChannel.Chat,
            AudioUrl = submission.AudioUrl,
            TranscriptText = submission.TranscriptText,
            StartedAt = submission.StartedAt,
            Duration = TimeSpan.FromSeconds(submission.DurationSeconds),
            Metadata = submission.Metadata,
        };
        InteractionIngest ingest;
        try
        {
            ingest = await cqa.IngestAsync(interaction, ct);
        }
        catch (Exception exception) when (ProviderOutcomeUnknownException.FindIn(exception) is { } unknown)
        {
            throw new CqaIngestUncertainException(unknown.Message);
        }

        return ingest switch
        {
            InteractionIngest.Accepted => new IngestResult.Accepted(),
            InteractionIngest.Refused refused => new IngestResult.Refused(refused.Code, refused.Message),
            _ => throw new InvalidOperationException("Unknown ingest result."),
        };
    }

    public async Task<InteractionTranscript?> GetTranscriptAsync(string externalId, CancellationToken ct) =>
        await cqa.GetInteractionAsync(externalId, ct) switch
        {
            InteractionLookup.Found { Interaction: var detail } => new InteractionTranscript(detail.TranscriptJson, detail.TranscriptText, detail.TranscriptUrl),
            _ => null,
        };
}

/// <summary>
/// CQA may or may not have taken an interaction (a 5xx that refused nothing, a timeout). Unlike a message or a call, an
/// ingest is harmless to repeat — CQA answers 409 for an id it has — so the outbox sends it again rather than settling
/// it as unknown (ADR 0006). The unknown outcome is not kept as the inner exception: the outbox would read it as final.
/// </summary>
internal sealed class CqaIngestUncertainException(string detail) : Exception($"CQA ingest to be sent again: {detail}");
