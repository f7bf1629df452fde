using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Mediator;

namespace Lifecycle.Application.Cqa;

/// <summary>
/// Outbox message: after a completed analysis, read the interaction's detail from CQA and keep the transcript it holds
/// (the turns, a text, or a link) on the interaction's conversations. CQA documents no transcript in the detail, so
/// finding none is normal and changes nothing.
/// </summary>
public sealed record FetchInteractionTranscript(Guid InteractionId) : IOutboxMessage, ICorrelated, ICommitsOutsideUnitOfWork
{
    public string CorrelationId => InteractionId.ToString();
}

internal sealed class FetchInteractionTranscriptHandler(
    IInteractionRepository interactions,
    InteractionConversations conversations,
    IQualityAnalysis analysis,
    IUnitOfWork unitOfWork,
    IdempotencyScope idempotency) : ICommandHandler<FetchInteractionTranscript>
{
    public async ValueTask<Unit> Handle(FetchInteractionTranscript command, CancellationToken ct)
    {
        // Read outside any transaction: nothing is written unless the provider has a transcript.
        if (await interactions.FindAsync(command.InteractionId, ct) is not { } interaction
            || await analysis.GetTranscriptAsync(interaction.ExternalId, ct) is not { IsEmpty: false } transcript)
        {
            return Unit.Value;
        }

        return await unitOfWork.ExecuteAsync(
            async token =>
            {
                if (await interactions.FindAsync(command.InteractionId, token) is { } current)
                {
                    foreach (var conversation in await conversations.ListAsync(current, token))
                    {
                        conversation.RecordTranscript(transcript.TranscriptJson ?? transcript.TranscriptText, transcript.TranscriptUrl);
                    }
                }

                return Unit.Value;
            },
            idempotency.EventKey,
            ct);
    }
}
