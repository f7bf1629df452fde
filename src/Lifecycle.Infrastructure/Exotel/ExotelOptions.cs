using FluentValidation;

namespace Lifecycle.Infrastructure.Exotel;

public enum ExotelMode
{
    /// <summary>The built-in sandbox, started in-process on a loopback port (the default in Development).</summary>
    Sandbox,

    /// <summary>Exotel itself, at the configured endpoints.</summary>
    Live,
}

/// <summary><c>Exotel</c>: account, credentials, base URLs, sender identities and HTTP resilience (api.md).</summary>
public sealed class ExotelOptions
{
    public const string Section = "Exotel";

    public ExotelMode Mode { get; set; } = ExotelMode.Live;

    public string AccountSid { get; set; } = string.Empty;

    public string ApiKey { get; set; } = string.Empty;

    public string ApiToken { get; set; } = string.Empty;

    public ExotelEndpoints Endpoints { get; set; } = new();

    public VerifyCredentials Verify { get; set; } = new();

    public CqaCredentials Cqa { get; set; } = new();

    public string VirtualNumber { get; set; } = string.Empty;

    public string WhatsAppFrom { get; set; } = string.Empty;

    public string SmsSender { get; set; } = string.Empty;

    public DltOptions Dlt { get; set; } = new();

    public ResilienceOptions Resilience { get; set; } = new();
}

public sealed class ExotelEndpoints
{
    public string Api { get; set; } = "https://api.in.exotel.com";

    public string Ccm { get; set; } = "https://ccm-api.in.exotel.com";

    public string Verify { get; set; } = "https://exoverify.exotel.com";

    public string Cqa { get; set; } = "https://cqa.exotel.com";
}

public sealed class VerifyCredentials
{
    public string ApplicationId { get; set; } = string.Empty;

    public string ApplicationSecret { get; set; } = string.Empty;
}

public sealed class CqaCredentials
{
    public string AccountId { get; set; } = string.Empty;

    public string ApiKey { get; set; } = string.Empty;
}

public sealed class DltOptions
{
    /// <summary>The registered DLT entity every Indian SMS must carry.</summary>
    public string EntityId { get; set; } = string.Empty;
}

/// <summary>
/// <c>Exotel:Resilience</c>: how one HTTP call to Exotel is retried before the outbox's own, slower retry takes
/// over. Business refusals (4xx other than 408/429) are never retried.
/// </summary>
public sealed class ResilienceOptions
{
    public int MaxRetries { get; set; } = 3;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of failed calls (in a 30 s window, at least 20 calls) that opens the circuit for 15 s.</summary>
    public double BreakOnFailureRatio { get; set; } = 0.5;
}

internal sealed class ExotelOptionsValidator : AbstractValidator<ExotelOptions>
{
    public ExotelOptionsValidator()
    {
        RuleFor(options => options.Mode).IsInEnum().WithMessage("must be Sandbox or Live");
        RuleFor(options => options.AccountSid).NotEmpty().WithMessage("is required");
        RuleFor(options => options.ApiKey).NotEmpty().WithMessage("is required");
        RuleFor(options => options.ApiToken).NotEmpty().WithMessage("is required");
        RuleFor(options => options.SmsSender).NotEmpty().WithMessage("is required: the sender id SMS go out from");
        RuleFor(options => options.Dlt.EntityId).NotEmpty().WithMessage("is required: every SMS must carry the DLT entity id");
        RuleFor(options => options.VirtualNumber).NotEmpty().WithMessage("is required: the caller id of our calls");
        RuleFor(options => options.WhatsAppFrom).NotEmpty().WithMessage("is required: our WhatsApp business number");
        RuleFor(options => options.Verify.ApplicationId).NotEmpty().WithMessage("is required");
        RuleFor(options => options.Verify.ApplicationSecret).NotEmpty().WithMessage("is required");
        RuleFor(options => options.Cqa.AccountId).NotEmpty().WithMessage("is required");
        RuleFor(options => options.Cqa.ApiKey).NotEmpty().WithMessage("is required");
        RuleFor(options => options.Endpoints.Api).Must(BeAbsolute).WithMessage("must be an absolute URL (was '{PropertyValue}')");
        RuleFor(options => options.Endpoints.Ccm).Must(BeAbsolute).WithMessage("must be an absolute URL (was '{PropertyValue}')");
        RuleFor(options => options.Endpoints.Verify).Must(BeAbsolute).WithMessage("must be an absolute URL (was '{PropertyValue}')");
        RuleFor(options => options.Endpoints.Cqa).Must(BeAbsolute).WithMessage("must be an absolute URL (was '{PropertyValue}')");
        RuleFor(options => options.Resilience.MaxRetries).InclusiveBetween(0, 10).WithMessage("must be between 0 and 10 (was {PropertyValue})");
        RuleFor(options => options.Resilience.BaseDelay).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.Resilience.AttemptTimeout).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.Resilience.TotalTimeout)
            .GreaterThanOrEqualTo(options => options.Resilience.AttemptTimeout)
            .WithMessage("must not be shorter than AttemptTimeout (was {PropertyValue})");
        RuleFor(options => options.Resilience.BreakOnFailureRatio).InclusiveBetween(0.01, 1).WithMessage("must be between 0.01 and 1 (was {PropertyValue})");
    }

    private static bool BeAbsolute(string url) => Uri.TryCreate(url, UriKind.Absolute, out _);
}
