using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lifecycle.Domain.Verify;

/// <summary>
/// The voice fallback code (policies.md: "our own code: Exotel's OTP is not known to us"). The code is derived from
/// the single-use token the voice call carries (its CustomField, handed back when the call's flow asks for the text to
/// speak), so that neither the code nor the token is ever stored: the store keeps SHA-256 of the token (to find the
/// verification when Exotel asks) and a salted SHA-256 of the code (to check what the user enters). Whoever holds the
/// token can hear the code once; that is Exotel.
/// </summary>
public static class VoiceOtp
{
    public const int Digits = 6;

    private const ulong CodeSpace = 1_000_000;

    /// <summary>256 random bits, base64url: the secret part of a voice OTP token.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The six-digit code a token reads out (leading zeros kept).</summary>
    public static string CodeOf(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("voice-otp-code:" + token));
        var number = BinaryPrimitives.ReadUInt64BigEndian(digest) % CodeSpace;
        return number.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>SHA-256 of the token (lower-case hex): what the store keeps and looks tokens up by.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A fresh 128-bit salt (hex).</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>SHA-256 of the salt's bytes followed by the code (lower-case hex).</summary>
    public static string HashCode(string salt, string code)
    {
        var saltBytes = Convert.FromHexString(salt);
        var codeBytes = Encoding.UTF8.GetBytes(code.Trim());
        var input = new byte[saltBytes.Length + codeBytes.Length];
        saltBytes.CopyTo(input, 0);
        codeBytes.CopyTo(input, saltBytes.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>Compares two hex hashes in constant time.</summary>
    public static bool SameHash(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    /// <summary>What the call says: the code digit by digit, twice.</summary>
    public static string Script(string code)
    {
        var spoken = string.Join(' ', code.ToCharArray());
        return $"Your code is {spoken}. Again, your code is {spoken}.";
    }
}
