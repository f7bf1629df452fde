using FluentValidation;

namespace Lifecycle.Application.Lifecycle;

/// <summary><c>Lifecycle:Activation</c> (policies.md).</summary>
public sealed class ActivationOptions
{
    public const string Section = "Lifecycle:Activation";

    /// <summary>Days after activation from which regular usage makes an ACTIVATED user ENGAGED (0 = at once).</summary>
    public int EngagedAfterDays { get; set; } = 1;

    /// <summary>Days an ONBOARDING user may stay inactive before the activation nudge (guide §4.2).</summary>
    public int InactivityDays { get; set; } = 7;

    /// <summary>How long after the nudge's enrolment, without a response, the activation voicebot calls.</summary>
    public TimeSpan VoicebotAfter { get; set; } = TimeSpan.FromDays(4);
}

/// <summary><c>Lifecycle:Churn</c> (policies.md).</summary>
public sealed class ChurnOptions
{
    public const string Section = "Lifecycle:Churn";

    /// <summary>Days without activity after which an ENGAGED user becomes AT_RISK.</summary>
    public int InactivityDays { get; set; } = 14;

    /// <summary>How long after the at-risk outreach, without a response, the win-back voicebot calls (guide §4.3).</summary>
    public TimeSpan WinBackAfter { get; set; } = TimeSpan.FromDays(1);
}

/// <summary><c>Lifecycle:Scan</c>: the daily inactivity scan.</summary>
public sealed class ScanOptions
{
    public const string Section = "Lifecycle:Scan";

    /// <summary>Quartz cron expression (seconds first) of the scan; checked at start-up (empty turns the scan off).</summary>
    public string Cron { get; set; } = "0 0 3 * * ?";
}

internal sealed class ActivationOptionsValidator : AbstractValidator<ActivationOptions>
{
    public ActivationOptionsValidator()
    {
        RuleFor(options => options.EngagedAfterDays).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more (was {PropertyValue})");
        RuleFor(options => options.InactivityDays).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more (was {PropertyValue})");
        RuleFor(options => options.VoicebotAfter).GreaterThan(TimeSpan.Zero).WithMessage("must be positive (was {PropertyValue})");
    }
}

internal sealed class ChurnOptionsValidator : AbstractValidator<ChurnOptions>
{
    public ChurnOptionsValidator()
    {
        RuleFor(options => options.InactivityDays).GreaterThanOrEqualTo(1).WithMessage("must be at least 1 (was {PropertyValue})");
        RuleFor(options => options.WinBackAfter).GreaterThan(TimeSpan.Zero).WithMessage("must be positive (was {PropertyValue})");
    }
}
