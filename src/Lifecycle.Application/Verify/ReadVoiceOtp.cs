using Lifecycle.Application.Common.Errors;
using Lifecycle.Domain.Verify;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>
/// <c>GET /exoml/voice-otp/{token}</c>, fetched by Exotel when the user answers the voice OTP call: what the call
/// says. The token is single-use and expires with the code; a second fetch, an expired or unknown token → 404.
/// </summary>
public sealed record ReadVoiceOtp(string Token) : ICommand<VoiceOtpScript>;

/// <summary>The sentence the call speaks.</summary>
public sealed record VoiceOtpScript(string Say);

internal sealed class ReadVoiceOtpHandler(IVerificationRepository verifications, TimeProvider clock) : ICommandHandler<ReadVoiceOtp, VoiceOtpScript>
{
    public async ValueTask<VoiceOtpScript> Handle(ReadVoiceOtp command, CancellationToken ct)
    {
        var tokenHash = VoiceOtp.HashToken(command.Token);
        var now = clock.GetUtcNow();
        var verification = await verifications.FindByVoiceTokenHashAsync(tokenHash, ct);
        if (verification is null || !verification.CanUseVoiceToken(tokenHash, now)
            || !await verifications.ClaimVoiceTokenAsync(verification.Id, tokenHash, now, ct))
        {
            throw new NotFoundException("Voice OTP", "token");
        }

        return new VoiceOtpScript(VoiceOtp.Script(VoiceOtp.CodeOf(command.Token)));
    }
}
