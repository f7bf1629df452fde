using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>
/// The status callback of a voice OTP call (<c>CustomField=voice-otp:{verificationId}</c>): a call that ends
/// unanswered (<c>no-answer</c>, <c>busy</c>, <c>failed</c>, <c>canceled</c>) fails the verification — the voice call
/// is the ladder's last rung. A callback about a call that a newer send has replaced changes nothing.
/// </summary>
public sealed record ApplyVoiceOtpCallStatus(Guid VerificationId, string CallSid, string Status, string EventKey)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => CallSid;
}

internal sealed class ApplyVoiceOtpCallStatusValidator : AbstractValidator<ApplyVoiceOtpCallStatus>
{
    public ApplyVoiceOtpCallStatusValidator()
    {
        RuleFor(command => command.CallSid).NotEmpty();
        RuleFor(command => command.Status)
            .Must(status => CallStatuses.Known.Contains(status, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"Status must be one of {string.Join(", ", CallStatuses.Known)}.");
    }
}

internal sealed class ApplyVoiceOtpCallStatusHandler(IVerificationRepository verifications, TimeProvider clock)
    : ICommandHandler<ApplyVoiceOtpCallStatus>
{
    public async ValueTask<Unit> Handle(ApplyVoiceOtpCallStatus command, CancellationToken ct)
    {
        if (!CallStatuses.IsTerminal(command.Status) || await verifications.FindAsync(command.VerificationId, ct) is not { } verification)
        {
            return Unit.Value;
        }

        if (verification.VoiceCallBeingPlaced(clock.GetUtcNow()))
        {
            // The callback raced our record of the CallSid; the inbox keeps it and retries.
            throw new ProviderRecordPendingException("voice OTP call", command.CallSid);
        }

        verification.ApplyVoiceCallOutcome(command.CallSid, answered: CallStatuses.IsAnswered(command.Status));
        return Unit.Value;
    }
}

/// <summary>Exotel's call statuses (docs/exotel-wire.md "Voice v1").</summary>
public static class CallStatuses
{
    public static readonly IReadOnlyList<string> Known = ["queued", "ringing", "in-progress", "completed", "busy", "no-answer", "failed", "canceled"];

    private static readonly string[] Terminal = ["completed", "busy", "no-answer", "failed", "canceled"];

    public static bool IsTerminal(string status) => Terminal.Contains(status, StringComparer.OrdinalIgnoreCase);

    public static bool IsAnswered(string status) => string.Equals(status, "completed", StringComparison.OrdinalIgnoreCase);
}
