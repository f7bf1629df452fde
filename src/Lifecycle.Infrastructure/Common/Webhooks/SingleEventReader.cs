using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Webhooks;
using Mediator;

namespace Lifecycle.Infrastructure.Common.Webhooks;

/// <summary>A webhook whose every delivery is one event (SMS, call, chatbot): the delivery's fields are the event's.</summary>
internal abstract class SingleEventReader : IWebhookEventReader
{
    public abstract WebhookSource Source { get; }

    public virtual bool AcceptsPassthru => false;

    public IReadOnlyList<WebhookEvent> Read(WebhookFields delivery) => [new(Identify(delivery), Stored(delivery))];

    public abstract IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity);

    /// <exception cref="ValidationException">An identifying field is missing.</exception>
    protected abstract WebhookIdentity Identify(WebhookFields fields);

    /// <summary>The fields as the inbox keeps them: all of them, unless a reader must keep a secret out of the store.</summary>
    protected virtual WebhookFields Stored(WebhookFields fields) => fields;
}

/// <summary>Collects what is wrong with a webhook's fields, so that a 400 names every one of them at once.</summary>
internal sealed class FieldProblems
{
    private readonly List<ValidationFailure> failures = [];

    public void Add(string field, string message) => failures.Add(new ValidationFailure(field, message));

    /// <summary>The field's text, or null after recording that it is missing.</summary>
    public string? Require(WebhookFields fields, string field)
    {
        var text = fields.Text(field);
        if (text is null)
        {
            Add(field, $"{field} is required.");
        }

        return text;
    }

    public void ThrowIfAny()
    {
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }
}
