using FluentValidation;
using Lifecycle.Domain.Sms;

namespace Lifecycle.Application.Sms;

/// <summary><c>Lifecycle:Sms</c> (policies.md).</summary>
public sealed class SmsOptions
{
    public const string Section = "Lifecycle:Sms";

    /// <summary>A sent SMS with no terminal status this long after it was accepted counts as failed.</summary>
    public TimeSpan TerminalStatusTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries on the SMS channel before the ladder moves on (guide §3.3: one).</summary>
    public int MaxRetries { get; set; } = 1;

    public TimeOnly PromotionalWindowStart { get; set; } = new(9, 0);

    public TimeOnly PromotionalWindowEnd { get; set; } = new(21, 0);

    /// <summary>IANA time zone of the promotional window.</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    public PromotionalWindow PromotionalWindow() =>
        new(PromotionalWindowStart, PromotionalWindowEnd, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
}

internal sealed class SmsOptionsValidator : AbstractValidator<SmsOptions>
{
    public SmsOptionsValidator()
    {
        RuleFor(options => options.TerminalStatusTimeout).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.MaxRetries).InclusiveBetween(0, 5).WithMessage("must be between 0 and 5 (was {PropertyValue})");
        RuleFor(options => options.PromotionalWindowEnd)
            .GreaterThan(options => options.PromotionalWindowStart)
            .WithMessage("must be later than PromotionalWindowStart (was {PropertyValue})");
        RuleFor(options => options.TimeZone)
            .Must(zone => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            .WithMessage("must be a known time zone id such as Asia/Kolkata (was '{PropertyValue}')");
    }
}
