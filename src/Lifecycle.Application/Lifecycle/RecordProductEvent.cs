using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle;

/// <summary>A product signal about a user (login, key action, usage, usage drop, billing flag).</summary>
public sealed record RecordProductEvent(Guid UserId, string? Type, DateTimeOffset? OccurredAt)
    : ICommand<ProductEventResult>, ICorrelated
{
    public string CorrelationId => UserId.ToString();
}

public sealed record ProductEventResult(string Stage);

internal sealed class RecordProductEventValidator : AbstractValidator<RecordProductEvent>
{
    public RecordProductEventValidator(TimeProvider clock)
    {
        RuleFor(command => command.Type)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(type => ProductEventNames.Wire.TryParse(type, out _))
            .WithMessage($"type must be one of {string.Join(", ", ProductEventNames.Wire.All)}.");
        RuleFor(command => command.OccurredAt)
            .Must(at => at is null || at <= clock.GetUtcNow().AddMinutes(5))
            .WithMessage("occurredAt cannot be in the future.");
    }
}

internal sealed class RecordProductEventHandler(IUserRepository users, IOptions<ActivationOptions> activation, TimeProvider clock)
    : ICommandHandler<RecordProductEvent, ProductEventResult>
{
    public async ValueTask<ProductEventResult> Handle(RecordProductEvent command, CancellationToken ct)
    {
        var user = await users.FindAsync(new UserId(command.UserId), ct) ?? throw new NotFoundException("User", command.UserId);
        var now = clock.GetUtcNow();
        var stage = user.ApplyProductEvent(
            ProductEventNames.Wire.Parse(command.Type!),
            command.OccurredAt ?? now,
            TimeSpan.FromDays(activation.Value.EngagedAfterDays),
            command.CorrelationId,
            now);
        return new ProductEventResult(stage.Name());
    }
}
