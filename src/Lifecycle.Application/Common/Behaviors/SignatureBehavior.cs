using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Webhooks;
using Mediator;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>Refuses a webhook whose signature does not verify over the raw body, before anything parses it.</summary>
public sealed class SignatureBehavior<TMessage, TResponse>(IWebhookSignatureVerifier verifier)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is ISignedWebhook webhook && !verifier.IsValid(webhook.Source, webhook.Body.Span, webhook.Signature))
        {
            throw new WebhookSignatureRejectedException(webhook.Source.Name());
        }

        return next(message, ct);
    }
}
