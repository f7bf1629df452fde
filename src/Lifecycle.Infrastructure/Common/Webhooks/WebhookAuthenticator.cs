using System.Security.Cryptography;
using System.Text;
using Lifecycle.Application.Common.Webhooks;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Common.Webhooks;

/// <summary>
/// A webhook is ours when either proof holds (api.md, ADR 0005): the HMAC-SHA256 of its raw body with any active
/// secret of its source (<c>sha256=&lt;hex&gt;</c> or bare hex), or — Exotel only, whose callbacks carry no signature —
/// a URL token equal to any configured one. Every comparison is constant-time, and every secret and token is tried,
/// so that rotation leaves no window of refused callbacks and timing tells nothing.
/// </summary>
internal sealed class WebhookAuthenticator(IOptionsMonitor<WebhookOptions> options) : IWebhookAuthenticator
{
    private const string Prefix = "sha256=";

    public bool IsAuthentic(WebhookSource source, ReadOnlySpan<byte> body, string? signature, string? token) =>
        HasValidSignature(source, body, signature) | HasValidToken(source, token);

    private bool HasValidSignature(WebhookSource source, ReadOnlySpan<byte> body, string? signature)
    {
        if (!TryDecode(signature, out var expected))
        {
            return false;
        }

        var secrets = source.Signer == WebhookSigner.Cqa ? options.CurrentValue.Secrets.Cqa : options.CurrentValue.Secrets.Exotel;
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var valid = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, actual);
            valid |= CryptographicOperations.FixedTimeEquals(actual, expected);
        }

        return valid;
    }

    private bool HasValidToken(WebhookSource source, string? token)
    {
        if (!source.AcceptsToken || string.IsNullOrEmpty(token))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(token);
        var valid = false;
        foreach (var configured in options.CurrentValue.Tokens.Exotel)
        {
            valid |= CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(configured));
        }

        return valid;
    }

    private static bool TryDecode(string? signature, out byte[] digest)
    {
        digest = [];
        var hex = signature?.Trim();
        if (hex is null)
        {
            return false;
        }

        if (hex.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[Prefix.Length..];
        }

        if (hex.Length != HMACSHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        try
        {
            digest = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
