using FluentValidation;

namespace Lifecycle.Application.WhatsApp;

/// <summary><c>Lifecycle:WhatsApp</c> (policies.md).</summary>
public sealed class WhatsAppOptions
{
    public const string Section = "Lifecycle:WhatsApp";

    /// <summary>How long after the user's last inbound message free-form messages are allowed.</summary>
    public TimeSpan SessionWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a refused (not yet approved) template waits before it is tried again.</summary>
    public TimeSpan TemplateRetryAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a message whose send had an unknown outcome waits before it counts as failed and the ladder moves on
    /// (Exotel documents no WhatsApp status look-up to ask instead).
    /// </summary>
    public TimeSpan UnknownOutcomeTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tries of a refused template before the ladder moves on to the next channel.</summary>
    public int MaxTemplateRetries { get; set; } = 3;
}

internal sealed class WhatsAppOptionsValidator : AbstractValidator<WhatsAppOptions>
{
    public WhatsAppOptionsValidator()
    {
        RuleFor(options => options.SessionWindow).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.TemplateRetryAfter).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.UnknownOutcomeTimeout).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.MaxTemplateRetries).InclusiveBetween(0, 10).WithMessage("must be between 0 and 10 (was {PropertyValue})");
    }
}
