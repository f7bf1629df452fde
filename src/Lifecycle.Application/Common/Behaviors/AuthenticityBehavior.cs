using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Webhooks;
using Mediator;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>Refuses a webhook that neither its signature nor its URL token proves ours, before anything parses it.</summary>
public sealed class AuthenticityBehavior<TMessage, TResponse>(IWebhookAuthenticator authenticator)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is IAuthenticatedWebhook webhook
            && !authenticator.IsAuthentic(webhook.Source, webhook.Body.Span, webhook.Signature, webhook.Token))
        {
            throw new WebhookSignatureRejectedException(webhook.Source.Name);
        }

        return next(message, ct);
    }
}
