using FluentValidation;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary><c>Exotel</c>: account, credentials, base URLs and sender identities (api.md).</summary>
public sealed class ExotelOptions
{
    public const string Section = "Exotel";

    public string AccountSid { get; set; } = string.Empty;

    public string ApiKey { get; set; } = string.Empty;

    public string ApiToken { get; set; } = string.Empty;

    public ExotelEndpoints Endpoints { get; set; } = new();

    public string SmsSender { get; set; } = string.Empty;

    public DltOptions Dlt { get; set; } = new();
}

public sealed class ExotelEndpoints
{
    public string Api { get; set; } = "https://api.in.exotel.com";
}

public sealed class DltOptions
{
    /// <summary>The registered DLT entity every Indian SMS must carry.</summary>
    public string EntityId { get; set; } = string.Empty;
}

internal sealed class ExotelOptionsValidator : AbstractValidator<ExotelOptions>
{
    public ExotelOptionsValidator()
    {
        RuleFor(options => options.AccountSid).NotEmpty().WithMessage("is required");
        RuleFor(options => options.ApiKey).NotEmpty().WithMessage("is required");
        RuleFor(options => options.ApiToken).NotEmpty().WithMessage("is required");
        RuleFor(options => options.SmsSender).NotEmpty().WithMessage("is required: the sender id SMS go out from");
        RuleFor(options => options.Dlt.EntityId).NotEmpty().WithMessage("is required: every SMS must carry the DLT entity id");
        RuleFor(options => options.Endpoints.Api)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out _))
            .WithMessage("must be an absolute URL (was '{PropertyValue}')");
    }
}
