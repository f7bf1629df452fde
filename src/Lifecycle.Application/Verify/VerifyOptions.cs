using FluentValidation;

namespace Lifecycle.Application.Verify;

/// <summary><c>Lifecycle:Verify</c> (policies.md).</summary>
public sealed class VerifyOptions
{
    public const string Section = "Lifecycle:Verify";

    /// <summary>How long a code stays valid (guide §3.1: 60 s).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromSeconds(60);
}

internal sealed class VerifyOptionsValidator : AbstractValidator<VerifyOptions>
{
    public VerifyOptionsValidator() =>
        RuleFor(options => options.CodeLifetime).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
}
