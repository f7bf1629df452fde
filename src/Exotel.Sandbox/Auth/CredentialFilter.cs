using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Exotel.Sandbox.Http;

namespace Exotel.Sandbox.Auth;

/// <summary>Which credentials a route group takes.</summary>
internal enum Credentials
{
    /// <summary>v1/v2 APIs: HTTP Basic <c>api_key:api_token</c>, account in the path's <c>{sid}</c>.</summary>
    Api,

    /// <summary>Verify: HTTP Basic <c>application_id:secret</c>, account in the path's <c>{sid}</c>.</summary>
    Verify,

    /// <summary>CQA: <c>X-API-Key</c>, CQA account in the path's <c>{accountId}</c>.</summary>
    Cqa,
}

/// <summary>Refuses a request with bad or missing credentials, or for another account, with 401 in the route's envelope.</summary>
internal static class CredentialFilter
{
    public static TBuilder RequireCredentials<TBuilder>(this TBuilder builder, Credentials kind)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var options = http.RequestServices.GetRequiredService<SandboxOptions>();
            var refusal = Check(http, kind, options);
            if (refusal is null)
            {
                return await next(context);
            }

            if (kind != Credentials.Cqa)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"Exotel\"";
            }

            return Replies.Error(http, StatusCodes.Status401Unauthorized, kind == Credentials.Verify ? "401" : "UNAUTHORIZED", refusal);
        });

    private static string? Check(HttpContext http, Credentials kind, SandboxOptions options)
    {
        var account = http.GetRouteValue(kind == Credentials.Cqa ? "accountId" : "sid") as string;
        if (kind == Credentials.Cqa)
        {
            var key = http.Request.Headers["X-API-Key"].ToString();
            return key.Length == 0 ? "X-API-Key is missing"
                : !Same(key, options.CqaApiKey) ? "X-API-Key is not valid"
                : !string.Equals(account, options.CqaAccountId, StringComparison.Ordinal) ? $"the API key does not belong to account '{account}'"
                : null;
        }

        var (user, password) = kind == Credentials.Verify
            ? (options.VerifyApplicationId, options.VerifyApplicationSecret)
            : (options.ApiKey, options.ApiToken);
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return "Authentication failed: HTTP Basic credentials are missing";
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return "Authentication failed: the Basic credentials are not base64";
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || !Same(decoded[..colon], user) || !Same(decoded[(colon + 1)..], password)
            ? "Authentication failed: unknown API key or token"
            : !string.Equals(account, options.AccountSid, StringComparison.Ordinal)
                ? $"Authentication failed: the credentials do not belong to account '{account}'"
                : null;
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
