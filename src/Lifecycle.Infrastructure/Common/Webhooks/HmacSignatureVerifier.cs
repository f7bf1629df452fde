using System.Security.Cryptography;
using System.Text;
using Lifecycle.Application.Common.Webhooks;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Common.Webhooks;

/// <summary>
/// HMAC-SHA256 of the raw body, compared in constant time with every active secret of the source, so that a
/// secret can be rotated without a window of rejected callbacks. Accepts <c>sha256=&lt;hex&gt;</c> and bare hex.
/// </summary>
internal sealed class HmacSignatureVerifier(IOptionsMonitor<WebhookOptions> options) : IWebhookSignatureVerifier
{
    private const string Prefix = "sha256=";

    public bool IsValid(WebhookSource source, ReadOnlySpan<byte> body, string? signature)
    {
        if (!TryDecode(signature, out var expected))
        {
            return false;
        }

        var secrets = source.IsCqa() ? options.CurrentValue.Secrets.Cqa : options.CurrentValue.Secrets.Exotel;
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var valid = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, actual);
            valid |= CryptographicOperations.FixedTimeEquals(actual, expected);
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
