using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Verify;

/// <summary>
/// <c>POST /api/verifications/{id}/check</c>: the code the user entered, against whichever code is live — our voice
/// code by its hash, an SMS code through Exotel Verify's check (a wrong code uses one attempt, however Exotel says
/// it). Exotel is asked synchronously, because the answer must say approved, pending or failed, and outside the
/// transaction (ADR 0004); the verdict is then recorded on the stored state. An approved signup moves its user ACQUIRED → ONBOARDING.
/// </summary>
public sealed record CheckVerification(Guid VerificationId, string? Otp) : ICommand<VerificationCheckResult>, ICorrelated, ICommitsOutsideUnitOfWork
{
    public string CorrelationId => VerificationId.ToString();
}

internal sealed class CheckVerificationValidator : AbstractValidator<CheckVerification>
{
    public CheckVerificationValidator() =>
        RuleFor(command => command.Otp)
            .NotEmpty().WithMessage("otp is required.")
            .Matches("^[0-9]{4,10}$").WithMessage("otp must be the code's digits (4 to 10 of them).");
}

internal sealed class CheckVerificationHandler(
    IVerificationRepository verifications,
    IUserRepository users,
    IVerifyGateway gateway,
    ITimers timers,
    IUnitOfWork unitOfWork,
    IOptions<VerifyOptions> options,
    TimeProvider clock) : ICommandHandler<CheckVerification, VerificationCheckResult>
{
    public const string ApprovedTrigger = "verify:approved";

    public async ValueTask<VerificationCheckResult> Handle(CheckVerification command, CancellationToken ct)
    {
        var limits = options.Value.Limits();
        var verification = await verifications.FindAsync(command.VerificationId, ct)
            ?? throw new NotFoundException("Verification", command.VerificationId);
        var now = clock.GetUtcNow();
        var otp = command.Otp!;
        (CodeVerdict Verdict, VerificationChannel Via)? judged = verification.IsOpen(now) && verification.Attempts < limits.MaxAttempts
            ? await JudgeAsync(verification, otp, now, ct)
            : null;

        return await unitOfWork.ExecuteAsync(token => RecordAsync(verification, judged, limits, now, token), eventKey: null, ct);
    }

    /// <summary>Our voice code first (no provider call needed), else Exotel's SMS code while it is live.</summary>
    private async Task<(CodeVerdict Verdict, VerificationChannel Via)> JudgeAsync(Verification verification, string otp, DateTimeOffset now, CancellationToken ct)
    {
        if (verification.MatchesVoiceCode(otp, now))
        {
            return (CodeVerdict.Right, VerificationChannel.Voice);
        }

        if (!verification.HasLiveSmsCode(now))
        {
            return (CodeVerdict.Wrong, verification.Channel);
        }

        // While a voice code is live, Exotel giving up on its own (older) SMS verification does not end ours.
        var voiceCodeLive = verification.VoiceCodeExpiresAt > now;
        var verdict = await gateway.CheckAsync(verification.ProviderSid!, otp, ct) switch
        {
            VerifyCheckResult.Approved => CodeVerdict.Right,
            VerifyCheckResult.WrongCode => CodeVerdict.Wrong,
            _ when voiceCodeLive => CodeVerdict.Wrong,
            VerifyCheckResult.Expired => CodeVerdict.Expired,
            VerifyCheckResult.AttemptsExhausted => CodeVerdict.AttemptsExhausted,
            _ => CodeVerdict.ProviderFailed,
        };
        return (verdict, VerificationChannel.Sms);
    }

    private async ValueTask<VerificationCheckResult> RecordAsync(
        Verification verification, (CodeVerdict Verdict, VerificationChannel Via)? judged, VerificationLimits limits, DateTimeOffset now, CancellationToken ct)
    {
        await verifications.ReloadAsync(verification, ct);
        if (verification.TakesChecks(now, limits) && judged is { } check)
        {
            verification.RecordCheck(check.Verdict, check.Via, limits, now);
            if (verification.Status == VerificationStatus.Approved)
            {
                await RecordApprovalAsync(verification, check.Via, now, ct);
            }
        }

        if (verification.Status != VerificationStatus.Pending)
        {
            await timers.CancelAsync(FollowUpVerification.Key(verification.Id), ct);
        }

        return new VerificationCheckResult(
            VerificationNames.Statuses.Name(verification.StatusAt(now)), verification.AttemptsLeft(now, limits));
    }

    /// <summary>Guide §7: approved → ONBOARDING (a signup), the verify sid and the last contact recorded.</summary>
    private async Task RecordApprovalAsync(Verification verification, VerificationChannel via, DateTimeOffset now, CancellationToken ct)
    {
        if (verification.UserId is not { } userId || await users.FindAsync(userId, ct) is not { Phone: not null } user)
        {
            return;
        }

        if (verification.Purpose == VerificationPurpose.Signup && user.Stage == LifecycleStage.Acquired)
        {
            user.TransitionTo(LifecycleStage.Onboarding, ApprovedTrigger, verification.Id.ToString(), now);
        }

        user.RecordVerifiedContact(verification.ProviderSid, via == VerificationChannel.Voice ? Channel.Voice : Channel.Sms, now);
    }
}
