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
        return await cqa.IngestAsync(interaction, ct) switch
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
