using FluentValidation;

namespace Lifecycle.Application.Voice;

/// <summary><c>Lifecycle:Voice</c> (policies.md): the agent-call ladder (what counts as a contact is the core's <c>CallOptions</c>).</summary>
public sealed class VoiceOptions
{
    public const string Section = "Lifecycle:Voice";

    /// <summary>An agent call the user did not pick up (no answer, busy) is tried again this much later.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Retries after the first call; once used up the user is enrolled in the async drip campaign.</summary>
    public int MaxRetries { get; set; } = 2;
}

internal sealed class VoiceOptionsValidator : AbstractValidator<VoiceOptions>
{
    public VoiceOptionsValidator()
    {
        RuleFor(options => options.RetryAfter).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.MaxRetries).InclusiveBetween(0, 5).WithMessage("must be between 0 and 5 (was {PropertyValue})");
    }
}
