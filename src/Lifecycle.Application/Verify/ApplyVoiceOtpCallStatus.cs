using Lifecycle.Application.Common.Webhooks;
using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>Where a call stands, in our words.</summary>
public enum CallProgress
{
    /// <summary>Queued, ringing or in progress: nothing to act on yet.</summary>
    Ongoing,

    /// <summary>Ended after the user picked up.</summary>
    Answered,

    /// <summary>Ended without the user picking up (no answer, busy, failed, cancelled).</summary>
    NotAnswered,
}

/// <summary>
/// The status callback of a voice OTP call: a call that ends unanswered fails the verification — the voice call is the
/// ladder's last rung. A callback about a call that a newer send has replaced changes nothing.
/// </summary>
public sealed record ApplyVoiceOtpCallStatus(Guid VerificationId, string CallSid, CallProgress Progress, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => CallSid;
}

internal sealed class ApplyVoiceOtpCallStatusValidator : AbstractValidator<ApplyVoiceOtpCallStatus>
{
    public ApplyVoiceOtpCallStatusValidator()
    {
        RuleFor(command => command.CallSid).NotEmpty();
        RuleFor(command => command.Progress).IsInEnum();
    }
}

internal sealed class ApplyVoiceOtpCallStatusHandler(IVerificationRepository verifications, ICurrentWebhookEvent current, TimeProvider clock)
    : ICommandHandler<ApplyVoiceOtpCallStatus>
{
    public async ValueTask<Unit> Handle(ApplyVoiceOtpCallStatus command, CancellationToken ct)
    {
        if (await verifications.FindAsync(command.VerificationId, ct) is not { } verification)
        {
            // Erased with its offboarded user: the callback names the number that was called.
            await current.ForgetAsync(ct);
            return Unit.Value;
        }

        if (command.Progress == CallProgress.Ongoing)
        {
            return Unit.Value;
        }

        if (verification.VoiceCallBeingPlaced(clock.GetUtcNow()))
        {
            // The callback raced our record of the CallSid; the inbox keeps it and retries.
            throw new ProviderRecordPendingException("voice OTP call", command.CallSid);
        }

        verification.ApplyVoiceCallOutcome(command.CallSid, answered: command.Progress == CallProgress.Answered);
        return Unit.Value;
    }
}
