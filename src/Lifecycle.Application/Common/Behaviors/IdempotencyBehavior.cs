using System.Text.Json;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Mediator;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>
/// An event already processed returns its first outcome and changes nothing. The key comes from the command or
/// from the dispatcher that delivered it; the unit of work records it in the same transaction as the change.
/// </summary>
public sealed class IdempotencyBehavior<TMessage, TResponse>(IdempotencyScope scope, IProcessedEvents processed)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        // A dispatcher's key (inbox:{source}:…, outbox:…, timer:…) is the more specific one and wins.
        if (message is IIdempotentCommand idempotent && scope.EventKey is null)
        {
            scope.EventKey = idempotent.EventKey;
        }

        // Without a key (a webhook accepted into the inbox, a query), or with one the dispatcher has already looked up,
        // there is nothing to look up: no await, no state machine.
        return scope.EventKey is { } key && !scope.KnownUnprocessed ? HandleOnceAsync(key, message, next, ct) : next(message, ct);
    }

    private async ValueTask<TResponse> HandleOnceAsync(string key, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct) =>
        await processed.FindOutcomeAsync(key, ct) is { } outcome
            ? JsonSerializer.Deserialize<TResponse>(outcome, DurableMessageTypes.Json)!
            : await next(message, ct);
}
