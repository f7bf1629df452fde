using FluentValidation;

namespace Lifecycle.Application.Voicebot;

/// <summary><c>Lifecycle:Voicebot</c> (policies.md "Voicebot unanswered").</summary>
public sealed class VoicebotOptions
{
    public const string Section = "Lifecycle:Voicebot";

    /// <summary>An unanswered voicebot call is tried again this much later.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Retries after the first call.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>This many unanswered sessions of a flow open a human-outreach ticket.</summary>
    public int UnansweredBeforeTicket { get; set; } = 3;

    /// <summary>The activation flow's exception: this many unanswered calls make the user AT_RISK, and no more are placed.</summary>
    public int ActivationUnansweredBeforeAtRisk { get; set; } = 2;
}

internal sealed class VoicebotOptionsValidator : AbstractValidator<VoicebotOptions>
{
    public VoicebotOptionsValidator()
    {
        RuleFor(options => options.RetryAfter).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.MaxRetries).InclusiveBetween(0, 5).WithMessage("must be between 0 and 5 (was {PropertyValue})");
        RuleFor(options => options.UnansweredBeforeTicket).InclusiveBetween(1, 10).WithMessage("must be between 1 and 10 (was {PropertyValue})");
        RuleFor(options => options.ActivationUnansweredBeforeAtRisk).InclusiveBetween(1, 10).WithMessage("must be between 1 and 10 (was {PropertyValue})");
    }
}
