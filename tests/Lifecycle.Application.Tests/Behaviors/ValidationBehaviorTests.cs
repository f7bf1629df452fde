using FluentValidation;
using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Tests.Support;

namespace Lifecycle.Application.Tests.Behaviors;

public class ValidationBehaviorTests
{
    private static readonly ValidatedCommand Valid = new("Priya", 2);
    private static readonly ValidatedCommand Invalid = new(null, -1);

    [Fact]
    public async Task Message_without_validators_goes_to_the_handler()
    {
        var probe = HandlerProbe<ValidatedCommand, string>.Returning("done");

        var response = await new ValidationBehavior<ValidatedCommand, string>([]).Handle(Invalid, probe.Next, CancellationToken.None);

        Assert.Equal("done", response);
        Assert.Equal(1, probe.Calls);
    }

    [Fact]
    public async Task Valid_message_goes_to_the_handler()
    {
        var probe = HandlerProbe<ValidatedCommand, string>.Returning("done");

        var response = await Behavior().Handle(Valid, probe.Next, CancellationToken.None);

        Assert.Equal("done", response);
        Assert.Same(Valid, Assert.Single(probe.Received));
    }

    [Fact]
    public async Task Failures_of_every_validator_are_reported_together_and_the_handler_is_not_called()
    {
        var probe = HandlerProbe<ValidatedCommand, string>.Returning("done");

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await Behavior().Handle(Invalid, probe.Next, CancellationToken.None));

        Assert.Equal(
            ["Count", "Count", "Name"],
            error.Errors.Select(failure => failure.PropertyName).Order(StringComparer.Ordinal));
        Assert.Contains(error.Errors, failure => failure.ErrorMessage == "count must be even");
        Assert.Equal(0, probe.Calls);
    }

    [Fact]
    public async Task One_failing_validator_is_enough_to_stop_the_message()
    {
        var probe = HandlerProbe<ValidatedCommand, string>.Returning("done");

        var error = await Assert.ThrowsAsync<ValidationException>(
            async () => await Behavior().Handle(new ValidatedCommand("Priya", 3), probe.Next, CancellationToken.None));

        Assert.Equal("count must be even", Assert.Single(error.Errors).ErrorMessage);
        Assert.Equal(0, probe.Calls);
    }

    private static ValidationBehavior<ValidatedCommand, string> Behavior() =>
        new([new RequiredFieldsValidator(), new EvenCountValidator()]);

    private sealed class RequiredFieldsValidator : AbstractValidator<ValidatedCommand>
    {
        public RequiredFieldsValidator()
        {
            RuleFor(command => command.Name).NotEmpty();
            RuleFor(command => command.Count).GreaterThan(0);
        }
    }

    private sealed class EvenCountValidator : AbstractValidator<ValidatedCommand>
    {
        public EvenCountValidator() =>
            RuleFor(command => command.Count).MustAsync((count, _) => Task.FromResult(count % 2 == 0)).WithMessage("count must be even");
    }
}
