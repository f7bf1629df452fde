using FluentValidation;

namespace Lifecycle.Application.Lifecycle.Calls;

/// <summary>
/// <c>Lifecycle:Voice:MinEngagedCallSeconds</c> (policies.md): what makes any call we place — agent or voicebot — a
/// contact with the user. The Voice module binds the rest of the section (its retry ladder).
/// </summary>
public sealed class CallOptions
{
    public const string Section = "Lifecycle:Voice";

    /// <summary>A completed call longer than this is a contact with the user.</summary>
    public int MinEngagedCallSeconds { get; set; } = 30;

    public TimeSpan MinEngagedCall => TimeSpan.FromSeconds(MinEngagedCallSeconds);
}

internal sealed class CallOptionsValidator : AbstractValidator<CallOptions>
{
    public CallOptionsValidator() =>
        RuleFor(options => options.MinEngagedCallSeconds).InclusiveBetween(0, 3600).WithMessage("must be between 0 and 3600 (was {PropertyValue})");
}
