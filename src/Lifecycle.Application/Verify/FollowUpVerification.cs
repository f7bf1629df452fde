using Lifecycle.Application.Common.Messaging;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Verify;

/// <summary>
/// Timer, <see cref="VerifyOptions.ResendAfter"/> after an SMS send: the code is still not approved, so the ladder
/// takes its next rung — another SMS while fewer than <see cref="VerifyOptions.MaxSmsResends"/> resends have gone,
/// then the voice call. A timer that a newer send has overtaken does nothing.
/// </summary>
public sealed record FollowUpVerification(Guid VerificationId, int Send) : ITimerCommand, ICorrelated
{
    public string CorrelationId => VerificationId.ToString();

    public static string Key(Guid verificationId) => $"verify-follow-up:{verificationId}";
}

internal sealed class FollowUpVerificationHandler(
    IVerificationRepository verifications,
    VerificationSending sending,
    IOptions<VerifyOptions> options,
    TimeProvider clock) : ICommandHandler<FollowUpVerification>
{
    public async ValueTask<Unit> Handle(FollowUpVerification command, CancellationToken ct)
    {
        var verification = await verifications.FindAsync(command.VerificationId, ct);
        if (verification is null || !verification.IsOpen(clock.GetUtcNow()) || verification.Sends != command.Send)
        {
            return Unit.Value;
        }

        if (verification.SmsResends < options.Value.MaxSmsResends)
        {
            await sending.ResendSmsAsync(verification, ct);
        }
        else
        {
            await sending.SendVoiceAsync(verification, ct);
        }

        return Unit.Value;
    }
}
