using Lifecycle.Application.Common.Errors;
using Lifecycle.Domain.Verify;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>
/// <c>GET /exoml/voice-otp?CustomField={token}</c>: the voice OTP flow's Greeting applet asks what to say once the user
/// answers. The token is single-use and expires with the code; a second request, an expired or unknown token → 404.
/// </summary>
public sealed record ReadVoiceOtp(string? Token) : ICommand<VoiceOtpScript>;

/// <summary>
/// <c>HEAD /exoml/voice-otp?CustomField={token}</c>: Exotel checks the text's headers before it asks for the text, so
/// the answer is the GET's (including its length) while the token stays unused.
/// </summary>
public sealed record PeekVoiceOtp(string? Token) : IQuery<VoiceOtpScript>;

/// <summary>The sentence the call speaks.</summary>
public sealed record VoiceOtpScript(string Say);

internal sealed class ReadVoiceOtpHandler(IVerificationRepository verifications, TimeProvider clock) : ICommandHandler<ReadVoiceOtp, VoiceOtpScript>
{
    public async ValueTask<VoiceOtpScript> Handle(ReadVoiceOtp command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (verification, tokenHash) = await UsableVoiceToken.FindAsync(verifications, command.Token, now, ct);
        return await verifications.ClaimVoiceTokenAsync(verification.Id, tokenHash, now, ct)
            ? UsableVoiceToken.ScriptOf(command.Token!)
            : throw UsableVoiceToken.NotFound();
    }
}

internal sealed class PeekVoiceOtpHandler(IVerificationRepository verifications, TimeProvider clock) : IQueryHandler<PeekVoiceOtp, VoiceOtpScript>
{
    public async ValueTask<VoiceOtpScript> Handle(PeekVoiceOtp query, CancellationToken ct)
    {
        await UsableVoiceToken.FindAsync(verifications, query.Token, clock.GetUtcNow(), ct);
        return UsableVoiceToken.ScriptOf(query.Token!);
    }
}

/// <summary>What reading and peeking share: the token must be the verification's current one, unused and live.</summary>
internal static class UsableVoiceToken
{
    public static async Task<(Verification Verification, string TokenHash)> FindAsync(
        IVerificationRepository verifications, string? token, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw NotFound();
        }

        var tokenHash = VoiceOtp.HashToken(token);
        return await verifications.FindByVoiceTokenHashAsync(tokenHash, ct) is { } verification && verification.CanUseVoiceToken(tokenHash, now)
            ? (verification, tokenHash)
            : throw NotFound();
    }

    public static VoiceOtpScript ScriptOf(string token) => new(VoiceOtp.Script(VoiceOtp.CodeOf(token)));

    /// <summary>One answer for unknown, used and expired tokens: which one it was is nobody's business but ours.</summary>
    public static NotFoundException NotFound() => new("Voice OTP", "token");
}
