using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Verify;

/// <summary>
/// The single-use token of a voice OTP call: <c>voice-otp:{verificationId}.{secret}</c>, sent as the call's
/// <c>CustomField</c>. Exotel hands a CustomField back in two places, and each needs one part of it: the Greeting
/// applet's text request (<c>/exoml/voice-otp?CustomField=…</c>), where the whole token is the credential, and the
/// call's status callback, which only has to find the verification — hence the readable prefix and id in front of the
/// secret. The secret is 256 random bits (<see cref="VoiceOtp.NewToken"/>); the store keeps only a hash of the token.
/// At most 90 characters, within the 128 of <c>Calls/connect</c>.
/// </summary>
public static class VoiceOtpToken
{
    public const string Prefix = "voice-otp:";

    /// <summary>Between the verification id and the secret: neither a Guid nor base64url ever contains it.</summary>
    private const char Separator = '.';

    public static string New(Guid verificationId) => $"{Prefix}{verificationId:D}{Separator}{VoiceOtp.NewToken()}";

    /// <summary>
    /// The verification a call's CustomField names, or null when it is not ours. A bare <c>voice-otp:{id}</c> — what
    /// calls placed before the tokens carried — still names its verification.
    /// </summary>
    public static Guid? VerificationIdOf(string? customField)
    {
        if (customField is null || !customField.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = customField.AsSpan(Prefix.Length);
        var end = rest.IndexOf(Separator);
        return Guid.TryParseExact(end < 0 ? rest : rest[..end], "D", out var id) ? id : null;
    }
}
