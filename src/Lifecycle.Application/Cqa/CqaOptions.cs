using FluentValidation;
using Lifecycle.Domain.Cqa;

namespace Lifecycle.Application.Cqa;

/// <summary><c>Lifecycle:Cqa</c> (policies.md "CQA decisions").</summary>
public sealed class CqaOptions
{
    public const string Section = "Lifecycle:Cqa";

    /// <summary>A final score below this enrols the user in the post-call recovery campaign.</summary>
    public double TriggerRetentionCampaign { get; set; } = 50;

    /// <summary>A score from <see cref="TriggerRetentionCampaign"/> up to below this opens a QA review task.</summary>
    public double FlagForQaReview { get; set; } = 70;

    /// <summary>A score of at least this closes the ticket the interaction was about.</summary>
    public double AutoCloseResolved { get; set; } = 85;

    /// <summary>How often an interaction whose analysis failed is handed to CQA again.</summary>
    public int MaxReingests { get; set; } = 3;

    /// <summary>An unresolved first call (the FCR KPI answered "No") is called back this much later.</summary>
    public TimeSpan CallbackAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>KPI ids or names treated as critical, besides those CQA flags as critical.</summary>
    public List<string> CriticalKpis { get; set; } = [];

    /// <summary>The first-call-resolution KPI, by id or name (case ignored).</summary>
    public string FirstCallResolutionKpi { get; set; } = "First call resolution";

    public QualityThresholds Thresholds() =>
        new(TriggerRetentionCampaign, FlagForQaReview, AutoCloseResolved, CriticalKpis, FirstCallResolutionKpi);
}

internal sealed class CqaOptionsValidator : AbstractValidator<CqaOptions>
{
    public CqaOptionsValidator()
    {
        RuleFor(options => options.TriggerRetentionCampaign).InclusiveBetween(0, 100).WithMessage("must be a score from 0 to 100 (was {PropertyValue})");
        RuleFor(options => options.FlagForQaReview)
            .InclusiveBetween(0, 100).WithMessage("must be a score from 0 to 100 (was {PropertyValue})")
            .GreaterThanOrEqualTo(options => options.TriggerRetentionCampaign).WithMessage("must not be below TriggerRetentionCampaign (was {PropertyValue})");
        RuleFor(options => options.AutoCloseResolved)
            .InclusiveBetween(0, 100).WithMessage("must be a score from 0 to 100 (was {PropertyValue})")
            .GreaterThanOrEqualTo(options => options.FlagForQaReview).WithMessage("must not be below FlagForQaReview (was {PropertyValue})");
        RuleFor(options => options.MaxReingests).InclusiveBetween(0, 10).WithMessage("must be between 0 and 10 (was {PropertyValue})");
        RuleFor(options => options.CallbackAfter).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleForEach(options => options.CriticalKpis).NotEmpty().WithMessage("must name a KPI id or name");
        RuleFor(options => options.FirstCallResolutionKpi).NotEmpty().WithMessage("must name a KPI id or name");
    }
}
