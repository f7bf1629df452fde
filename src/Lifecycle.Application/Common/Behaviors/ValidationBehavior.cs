using FluentValidation;
using Mediator;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>
/// Runs every validator of the message; any failure stops it with all the failures at once. A message without
/// validators (the webhook accept) passes straight through.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct) =>
        validators is ICollection<IValidator<TMessage>> { Count: 0 } ? next(message, ct) : ValidateAsync(message, next, ct);

    private async ValueTask<TResponse> ValidateAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, ct);
            if (!result.IsValid)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }

        if (failures is not null)
        {
            throw new ValidationException(failures);
        }

        return await next(message, ct);
    }
}
