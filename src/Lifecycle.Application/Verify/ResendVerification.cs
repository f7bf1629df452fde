using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Domain.Verify;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Verify;

/// <summary>
/// <c>POST /api/verifications/{id}/resend</c>: a fresh code by SMS or by a voice call, once
/// <see cref="VerifyOptions.ResendCooldown"/> has passed since the latest send (else 429 with the seconds left).
/// </summary>
public sealed record ResendVerification(Guid VerificationId, string? Channel) : ICommand<VerificationView>, Common.Messaging.ICorrelated
{
    public string CorrelationId => VerificationId.ToString();
}

internal sealed class ResendVerificationValidator : AbstractValidator<ResendVerification>
{
    public ResendVerificationValidator() =>
        RuleFor(command => command.Channel)
            .Must(channel => VerificationNames.Channels.TryParse(channel, out _))
            .WithMessage($"channel must be one of {string.Join(", ", VerificationNames.Channels.All)}.");
}

internal sealed class ResendVerificationHandler(
    IVerificationRepository verifications,
    VerificationSending sending,
    IOptions<VerifyOptions> options,
    TimeProvider clock) : ICommandHandler<ResendVerification, VerificationView>
{
    public async ValueTask<VerificationView> Handle(ResendVerification command, CancellationToken ct)
    {
        var verification = await verifications.FindAsync(command.VerificationId, ct)
            ?? throw new NotFoundException("Verification", command.VerificationId);
        var now = clock.GetUtcNow();
        if (!verification.IsOpen(now))
        {
            throw new VerificationClosed(verification.Id, verification.StatusAt(now));
        }

        var wait = verification.ResendWait(now, options.Value.ResendCooldown);
        if (wait > TimeSpan.Zero)
        {
            throw new TooSoonException(wait, $"A code was sent less than {options.Value.ResendCooldown.TotalSeconds:0} s ago; resend after the Retry-After seconds.");
        }

        if (VerificationNames.Channels.Parse(command.Channel!) == VerificationChannel.Voice)
        {
            await sending.SendVoiceAsync(verification, ct);
        }
        else
        {
            await sending.ResendSmsAsync(verification, ct);
        }

        return VerificationView.From(verification, now, options.Value.Limits());
    }
}
