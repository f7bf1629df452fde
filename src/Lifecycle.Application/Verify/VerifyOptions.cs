using FluentValidation;
using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Verify;

/// <summary><c>Lifecycle:Verify</c> (policies.md "OTP by SMS not approved", "OTP check wrong").</summary>
public sealed class VerifyOptions
{
    public const string Section = "Lifecycle:Verify";

    /// <summary>How long a code stays valid after its send (guide §3.1: 60 s); every send renews it.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Not approved this long after a send → the next rung: an SMS resend, then the voice call.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>SMS resends before the voice fallback (the first SMS not counted).</summary>
    public int MaxSmsResends { get; set; } = 2;

    /// <summary>Wrong codes that invalidate a verification.</summary>
    public int MaxWrongCodes { get; set; } = 3;

    /// <summary>Checks per verification (guide §3.1: 10).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>A resend the user asks for is refused (429) until this long after the latest send.</summary>
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(30);

    public VerificationLimits Limits() => new(MaxWrongCodes, MaxAttempts);
}

internal sealed class VerifyOptionsValidator : AbstractValidator<VerifyOptions>
{
    public VerifyOptionsValidator()
    {
        RuleFor(options => options.CodeLifetime).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.ResendAfter).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.ResendAfter)
            .LessThan(options => options.CodeLifetime)
            .When(options => options.ResendAfter > TimeSpan.Zero && options.CodeLifetime > TimeSpan.Zero)
            .WithMessage("must be shorter than CodeLifetime, or the code expires before the automatic resend (was {PropertyValue})");
        RuleFor(options => options.MaxSmsResends).InclusiveBetween(0, 10).WithMessage("must be between 0 and 10 (was {PropertyValue})");
        RuleFor(options => options.MaxWrongCodes).InclusiveBetween(1, 100).WithMessage("must be between 1 and 100 (was {PropertyValue})");
        RuleFor(options => options.MaxAttempts).InclusiveBetween(1, 100).WithMessage("must be between 1 and 100 (was {PropertyValue})");
        RuleFor(options => options.ResendCooldown).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage("must be zero or a positive TimeSpan (was {PropertyValue})");
    }
}
