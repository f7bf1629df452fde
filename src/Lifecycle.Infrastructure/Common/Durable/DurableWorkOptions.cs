using FluentValidation;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>How a durable work table is drained: batch size, lease, retries and their backoff.</summary>
public abstract class DurableWorkOptions
{
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claimed row stays with its worker before another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    public int MaxAttempts { get; set; } = 10;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Exponential backoff with up to 20 % jitter, capped at <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryDelay(int attempts, double jitter)
    {
        var exponential = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromMilliseconds(Math.Min(RetryMaxDelay.TotalMilliseconds, exponential) * (1 + (0.2 * jitter)));
    }
}

/// <summary><c>Lifecycle:Outbox</c>.</summary>
public sealed class OutboxOptions : DurableWorkOptions
{
    public const string Section = "Lifecycle:Outbox";

    public OutboxOptions()
    {
        // Longer than one Exotel request can take (Exotel:Resilience:TotalTimeout, 60 s) with margin: see OutboxLeaseValidator.
        Lease = TimeSpan.FromMinutes(2);
    }

    /// <summary>Provider requests per minute by lane (guide §3.3: SMS 200/min per account; voice 200/min).</summary>
    public Dictionary<string, int> RequestsPerMinute { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["sms"] = 200, ["voice"] = 200 };
}

internal sealed class OutboxOptionsValidator : AbstractValidator<OutboxOptions>
{
    public OutboxOptionsValidator()
    {
        Include(new DurableWorkOptionsValidator<OutboxOptions>());
        RuleForEach(options => options.RequestsPerMinute)
            .Must(pair => pair.Value >= 1)
            .WithMessage("each lane needs at least 1 request per minute");
    }
}

/// <summary>
/// <c>Lifecycle:Outbox:Lease</c> must outlast the longest Exotel request (<c>Exotel:Resilience:TotalTimeout</c>) by
/// <see cref="Margin"/> — the handler's own database work before and after the request — or a second instance could
/// claim a row that is still being sent and send it again.
/// </summary>
internal sealed class OutboxLeaseValidator(IOptions<ExotelOptions> exotel) : IValidateOptions<OutboxOptions>
{
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var total = exotel.Value.Resilience.TotalTimeout;
        return options.Lease >= total + Margin
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{OutboxOptions.Section}:Lease: must be at least {ExotelOptions.Section}:Resilience:TotalTimeout ({total}) plus {Margin} "
                + $"so that no other instance claims a row still being sent (was {options.Lease})");
    }
}

/// <summary><c>Lifecycle:Inbox</c>.</summary>
public sealed class InboxOptions : DurableWorkOptions
{
    public const string Section = "Lifecycle:Inbox";

    public InboxOptions()
    {
        MaxAttempts = 20;
        RetryBaseDelay = TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// Attempts after which a callback for a record we do not have (<c>ProviderRecordPendingException</c>) is kept as
    /// <see cref="WorkStatus.Unmatched"/> instead of retried. With the default backoff (1 s, doubling) the 7th attempt
    /// comes about 63 s after the first: a callback is still applied if our record of the send appears within that
    /// window, which is longer than a send can take to record its provider id (<c>Exotel:Resilience:TotalTimeout</c>, 60 s).
    /// </summary>
    public int UnmatchedAfterAttempts { get; set; } = 7;

    /// <summary>
    /// Consecutive events applied in one transaction, each under a savepoint: one commit — one wait for the disk — for
    /// many events is what lets the inbox keep up with a burst of callbacks. 1 commits each event alone.
    /// </summary>
    public int EventsPerTransaction { get; set; } = 50;

    /// <summary>
    /// On PostgreSQL, how many lanes a run of events confined to their record (delivery reports, not failures) is split
    /// into, each applied on its own connection at the same time; the events of one record stay in one lane, in order.
    /// Every other event is applied in turn, in the order it was accepted, so lanes change no outcome. 1 applies every
    /// batch in turn. SQLite writes one transaction at a time and always applies a batch in turn.
    /// </summary>
    public int Lanes { get; set; } = 4;
}

internal sealed class InboxOptionsValidator : AbstractValidator<InboxOptions>
{
    public InboxOptionsValidator()
    {
        Include(new DurableWorkOptionsValidator<InboxOptions>());
        RuleFor(options => options.UnmatchedAfterAttempts)
            .Must((options, attempts) => attempts >= 1 && attempts <= options.MaxAttempts)
            .WithMessage(options => $"must be between 1 and MaxAttempts ({options.MaxAttempts}) (was {options.UnmatchedAfterAttempts})");
        RuleFor(options => options.EventsPerTransaction).InclusiveBetween(1, 1000).WithMessage("must be between 1 and 1000 (was {PropertyValue})");
        RuleFor(options => options.Lanes).InclusiveBetween(1, 32).WithMessage("must be between 1 and 32 (was {PropertyValue})");
    }
}

/// <summary><c>Lifecycle:Timers</c>.</summary>
public sealed class TimerOptions : DurableWorkOptions
{
    public const string Section = "Lifecycle:Timers";
}

internal sealed class DurableWorkOptionsValidator<T> : AbstractValidator<T>
    where T : DurableWorkOptions
{
    public DurableWorkOptionsValidator()
    {
        RuleFor(options => options.BatchSize).InclusiveBetween(1, 1000).WithMessage("must be between 1 and 1000 (was {PropertyValue})");
        RuleFor(options => options.Lease).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.MaxAttempts).GreaterThanOrEqualTo(1).WithMessage("must be at least 1 (was {PropertyValue})");
        RuleFor(options => options.RetryBaseDelay).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.RetryMaxDelay)
            .GreaterThanOrEqualTo(options => options.RetryBaseDelay)
            .WithMessage("must not be shorter than RetryBaseDelay (was {PropertyValue})");
    }
}
