using FluentValidation;

namespace Lifecycle.Application.Lifecycle;

/// <summary><c>Lifecycle:Activation</c> (policies.md).</summary>
public sealed class ActivationOptions
{
    public const string Section = "Lifecycle:Activation";

    /// <summary>Days after activation from which regular usage makes an ACTIVATED user ENGAGED (0 = at once).</summary>
    public int EngagedAfterDays { get; set; } = 1;
}

/// <summary><c>Lifecycle:Churn</c> (policies.md).</summary>
public sealed class ChurnOptions
{
    public const string Section = "Lifecycle:Churn";

    /// <summary>Days without activity after which an ENGAGED user becomes AT_RISK.</summary>
    public int InactivityDays { get; set; } = 14;
}

internal sealed class ActivationOptionsValidator : AbstractValidator<ActivationOptions>
{
    public ActivationOptionsValidator() =>
        RuleFor(options => options.EngagedAfterDays).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more (was {PropertyValue})");
}

internal sealed class ChurnOptionsValidator : AbstractValidator<ChurnOptions>
{
    public ChurnOptionsValidator() =>
        RuleFor(options => options.InactivityDays).GreaterThanOrEqualTo(1).WithMessage("must be at least 1 (was {PropertyValue})");
}
