using FluentValidation;

namespace Lifecycle.Infrastructure.Common.Webhooks;

/// <summary><c>Webhooks</c>: where Exotel calls us back and the secrets it signs with.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Base of the callback URLs we hand Exotel (<c>https://api.example.com</c>).</summary>
    public string? PublicBaseUrl { get; set; }

    public WebhookSecrets Secrets { get; set; } = new();

    public WebhookTokens Tokens { get; set; } = new();
}

public sealed class WebhookTokens
{
    /// <summary>
    /// Callback tokens: when set, every callback URL we hand Exotel ends in <c>/{first token}</c>, and a callback to
    /// <c>/webhooks/exotel/{product}/{token}</c> is authentic when the token is any of these (rotation).
    /// </summary>
    public string[] Exotel { get; set; } = [];
}

public sealed class WebhookSecrets
{
    /// <summary>Active secrets for Exotel's <c>X-Exotel-Signature</c>; several during a rotation.</summary>
    public string[] Exotel { get; set; } = [];

    /// <summary>Active secrets for CQA's <c>X-CQA-Signature</c>.</summary>
    public string[] Cqa { get; set; } = [];
}

internal sealed class WebhookOptionsValidator : AbstractValidator<WebhookOptions>
{
    public WebhookOptionsValidator()
    {
        RuleFor(options => options.PublicBaseUrl)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("is required: the base of the callback URLs handed to Exotel")
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage("must be an absolute http(s) URL (was '{PropertyValue}')");
        RuleFor(options => options.Secrets.Exotel).NotEmpty()
            .When(options => options.Tokens.Exotel.Length == 0)
            .WithMessage("needs at least one signing secret, or configure Webhooks:Tokens:Exotel: nothing could authenticate Exotel's callbacks");
        RuleForEach(options => options.Secrets.Exotel).MinimumLength(16).WithMessage("each secret needs at least 16 characters");
        RuleForEach(options => options.Tokens.Exotel)
            .Must(token => token.Length >= 16 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            .WithMessage("each token needs at least 16 characters, letters, digits, '-' or '_' only (it is a URL path segment)");
        RuleFor(options => options.Secrets.Cqa).NotEmpty().WithMessage("needs at least one signing secret");
        RuleForEach(options => options.Secrets.Cqa).MinimumLength(16).WithMessage("each secret needs at least 16 characters");
    }
}
