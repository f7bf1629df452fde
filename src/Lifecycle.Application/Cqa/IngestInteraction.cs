using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Cqa;

/// <summary>
/// Outbox message: hand a recorded interaction to CQA (again, after a failed analysis). Only a pending interaction is
/// sent, so a re-delivered row after the answer was recorded asks nothing; one re-sent before it is answered 409 by
/// CQA, which counts as success. An offboarded user's interaction is withdrawn, never sent.
/// </summary>
public sealed record IngestInteraction(Guid InteractionId) : IOutboxMessage, ICorrelated, ICommitsOutsideUnitOfWork
{
    public string CorrelationId => InteractionId.ToString();
}

internal sealed partial class IngestInteractionHandler(
    IInteractionRepository interactions,
    IUserRepository users,
    IConversationRepository conversations,
    IQualityAnalysis analysis,
    IUnitOfWork unitOfWork,
    IdempotencyScope idempotency,
    TimeProvider clock,
    ILogger<IngestInteractionHandler> logger) : ICommandHandler<IngestInteraction>
{
    public async ValueTask<Unit> Handle(IngestInteraction command, CancellationToken ct)
    {
        // The provider is asked outside any transaction: no write lock is held while it answers.
        if (await unitOfWork.ExecuteAsync(token => SubmissionAsync(command, token), eventKey: null, ct) is not { } submission)
        {
            return Unit.Value;
        }

        var result = await analysis.IngestAsync(submission, ct);
        return await unitOfWork.ExecuteAsync(token => RecordAsync(command, result, token), idempotency.EventKey, ct);
    }

    private async ValueTask<InteractionSubmission?> SubmissionAsync(IngestInteraction command, CancellationToken ct)
    {
        if (await interactions.FindAsync(command.InteractionId, ct) is not { IsPending: true } interaction)
        {
            return null;
        }

        if (await users.FindAsync(interaction.UserId, ct) is not { Stage: not LifecycleStage.Offboarded })
        {
            interaction.Withdraw(clock.GetUtcNow());
            return null;
        }

        var transcript = interaction.Channel == InteractionChannel.Chat
            ? (await conversations.FindAsync(interaction.ConversationId, ct))?.Transcript
            : null;
        return new InteractionSubmission(
            interaction.ExternalId, interaction.Channel, interaction.AudioUrl, transcript, interaction.StartedAt, interaction.DurationSeconds,
            interaction.Metadata());
    }

    private async ValueTask<Unit> RecordAsync(IngestInteraction command, IngestResult result, CancellationToken ct)
    {
        if (await interactions.FindAsync(command.InteractionId, ct) is not { IsPending: true } interaction)
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        switch (result)
        {
            case IngestResult.Accepted:
                interaction.MarkIngested(now);
                break;
            case IngestResult.Refused refused:
                interaction.MarkRefused($"{refused.Code}: {refused.Reason}", now);
                LogRefused(interaction.ExternalId, refused.Code, refused.Reason);
                break;
        }

        return Unit.Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CQA refused interaction {ExternalId}: {Code} {Reason}; it is not sent again")]
    private partial void LogRefused(string externalId, string code, string reason);
}
