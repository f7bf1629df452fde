using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Mediator;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>
/// Runs a command's handler in one transaction with its outbox, timer and processed-event rows. Outbox messages call
/// Exotel, so theirs commit after the handler instead of around it: no database lock waits on a provider.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork, IdempotencyScope scope)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (!UnitOfWork.WrapsWholeHandler(message))
        {
            return next(message, ct);
        }

        return new ValueTask<TResponse>(message is IOutboxMessage
            ? unitOfWork.CommitAfterAsync(token => next(message, token), scope.EventKey, ct)
            : unitOfWork.ExecuteAsync(token => next(message, token), scope.EventKey, ct));
    }
}

/// <summary>Which messages <see cref="UnitOfWorkBehavior{TMessage, TResponse}"/> commits as one transaction.</summary>
public static class UnitOfWork
{
    /// <summary>
    /// A command commits its handler's whole effect in one transaction unless it commits on its own path: the inbox
    /// processor relies on this to mark its row done in that same transaction.
    /// </summary>
    public static bool WrapsWholeHandler(IMessage message) => message is IBaseCommand and not ICommitsOutsideUnitOfWork;
}
