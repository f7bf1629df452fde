using FluentValidation;
using Lifecycle.Application.Common.Messaging;

namespace Lifecycle.Application.Lifecycle.Campaigns;

/// <summary>
/// Outbox message: enroll a user in an Exotel campaign (a drip sequence configured in Engage). The core and the product
/// modules write it; the Campaigns module handles it, once per user and campaign while the enrolment is active. It
/// commits before and after the provider's request, so that a re-delivery never enrols twice.
/// </summary>
public sealed record EnrollInCampaign(Guid UserId, string CampaignId, string Reason) : IOutboxMessage, ICorrelated, ICommitsOutsideUnitOfWork
{
    public string CorrelationId => UserId.ToString();
}

/// <summary>Outbox message: take a user out of the campaign they are active in (they answered, or left).</summary>
public sealed record UnenrollFromCampaign(Guid UserId, string Reason) : IOutboxMessage, ICorrelated
{
    public string CorrelationId => UserId.ToString();
}

/// <summary><c>Lifecycle:Campaigns</c>: the Exotel campaign ids of the guide's drip sequences (api.md).</summary>
public sealed class CampaignOptions
{
    public const string Section = "Lifecycle:Campaigns";

    /// <summary>The activation nudge for ONBOARDING users inactive for <c>Activation:InactivityDays</c> (guide §4.2).</summary>
    public string ActivationD7 { get; set; } = "CMP_activation_d7";

    /// <summary>After a call that went badly (CQA score below <c>TriggerRetentionCampaign</c>).</summary>
    public string PostCallRecovery { get; set; } = "CMP_post_call_recovery";

    public string RetentionFollowup { get; set; } = "CMP_retention_followup";

    /// <summary>Users who did not answer our calls (<c>Voice:MaxRetries</c> used up).</summary>
    public string AsyncDrip { get; set; } = "CMP_async_drip";
}

internal sealed class CampaignOptionsValidator : AbstractValidator<CampaignOptions>
{
    public CampaignOptionsValidator()
    {
        RuleFor(options => options.ActivationD7).NotEmpty().WithMessage("needs the campaign id");
        RuleFor(options => options.PostCallRecovery).NotEmpty().WithMessage("needs the campaign id");
        RuleFor(options => options.RetentionFollowup).NotEmpty().WithMessage("needs the campaign id");
        RuleFor(options => options.AsyncDrip).NotEmpty().WithMessage("needs the campaign id");
    }
}
