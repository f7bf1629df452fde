using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Verify;

/// <summary>
/// The sends of the OTP ladder (policies.md "OTP by SMS not approved"): each one is recorded on the verification,
/// queued in the outbox, and — for an SMS — followed by a timer that takes the next rung if the code is not approved
/// within <see cref="VerifyOptions.ResendAfter"/>. The voice call is the last rung: no timer follows it.
/// </summary>
internal sealed class VerificationSending(
    IVerificationRepository verifications,
    IOutbox outbox,
    ITimers timers,
    IOptions<VerifyOptions> options,
    TimeProvider clock)
{
    /// <summary>A new verification with its first SMS; the phone's verifications still pending are superseded by it.</summary>
    public async Task<Verification> StartAsync(UserId? userId, E164Phone phone, VerificationPurpose purpose, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var verification = Verification.Start(userId, phone, purpose, options.Value.CodeLifetime, now);
        foreach (var older in await verifications.ListPendingAsync(phone, ct))
        {
            older.Supersede(verification.Id);
            await timers.CancelAsync(FollowUpVerification.Key(older.Id), ct);
        }

        verifications.Add(verification);
        outbox.Enqueue(new SendVerificationSms(verification.Id, verification.SmsSends));
        timers.Schedule(FollowUpVerification.Key(verification.Id), now + options.Value.ResendAfter, new FollowUpVerification(verification.Id, verification.Sends));
        return verification;
    }

    /// <summary>A fresh SMS code (a new Exotel start), followed by the next rung's timer.</summary>
    public async Task ResendSmsAsync(Verification verification, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var smsSend = verification.RecordSmsSend(now, options.Value.CodeLifetime);
        outbox.Enqueue(new SendVerificationSms(verification.Id, smsSend));
        await timers.CancelAsync(FollowUpVerification.Key(verification.Id), ct);
        timers.Schedule(FollowUpVerification.Key(verification.Id), now + options.Value.ResendAfter, new FollowUpVerification(verification.Id, verification.Sends));
    }

    /// <summary>A voice call reading a code of ours; the ladder ends there.</summary>
    public async Task SendVoiceAsync(Verification verification, CancellationToken ct)
    {
        var send = verification.RecordVoiceSend(clock.GetUtcNow(), options.Value.CodeLifetime);
        outbox.Enqueue(new PlaceVoiceOtpCall(verification.Id, send));
        await timers.CancelAsync(FollowUpVerification.Key(verification.Id), ct);
    }
}
