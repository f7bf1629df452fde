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
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        // A dispatcher's key (inbox:{source}:…, outbox:…, timer:…) is the more specific one and wins.
        if (message is IIdempotentCommand idempotent && scope.EventKey is null)
        {
            scope.EventKey = idempotent.EventKey;
        }

        if (scope.EventKey is { } key && await processed.FindOutcomeAsync(key, ct) is { } outcome)
        {
            return JsonSerializer.Deserialize<TResponse>(outcome, DurableMessageTypes.Json)!;
        }

        return await next(message, ct);
    }
}
