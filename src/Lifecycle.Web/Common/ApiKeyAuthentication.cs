using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lifecycle.Web.Common;

/// <summary><c>Api</c>: the keys the product backend authenticates with (<c>X-Api-Key</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public string[] Keys { get; set; } = [];
}

internal sealed class ApiOptionsValidator : AbstractValidator<ApiOptions>
{
    public ApiOptionsValidator()
    {
        RuleFor(options => options.Keys).NotEmpty().WithMessage("needs at least one API key");
        RuleForEach(options => options.Keys).MinimumLength(16).WithMessage("each key needs at least 16 characters");
    }
}

/// <summary>Authenticates <c>/api</c> requests by <c>X-Api-Key</c>, compared in constant time with every key.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented.ToString());
        var known = api.CurrentValue.Keys.Aggregate(
            false,
            (found, key) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(presentedBytes)) | found);
        if (!known)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "product-backend")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = $"Send a valid API key in the {HeaderName} header.",
            },
        });
    }
}
