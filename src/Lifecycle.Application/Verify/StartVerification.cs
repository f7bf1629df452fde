using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Verify;

/// <summary>
/// <c>POST /api/verifications</c>: an SMS OTP verification of a phone for signup, login or a sensitive action. Each
/// call starts a new verification (never a reused one) and supersedes the phone's verifications still pending. The
/// user is the one named, else the one who owns the phone, if any.
/// </summary>
public sealed record StartVerification(string? Phone, string? Purpose, Guid? UserId) : ICommand<VerificationView>;

internal sealed class StartVerificationValidator : AbstractValidator<StartVerification>
{
    public StartVerificationValidator()
    {
        RuleFor(command => command.Phone)
            .Must(E164Phone.IsValid)
            .WithMessage("phone must be E.164: '+', a country code and the number, e.g. +919876543210.");
        RuleFor(command => command.Purpose)
            .Must(purpose => VerificationNames.Purposes.TryParse(purpose, out _))
            .WithMessage($"purpose must be one of {string.Join(", ", VerificationNames.Purposes.All)}.");
    }
}

internal sealed class StartVerificationHandler(
    IUserRepository users,
    VerificationSending sending,
    IOptions<VerifyOptions> options,
    TimeProvider clock) : ICommandHandler<StartVerification, VerificationView>
{
    public async ValueTask<VerificationView> Handle(StartVerification command, CancellationToken ct)
    {
        var phone = E164Phone.Parse(command.Phone!);
        var purpose = VerificationNames.Purposes.Parse(command.Purpose!);
        var user = command.UserId is { } id
            ? await users.FindAsync(new UserId(id), ct) ?? throw new NotFoundException("User", id)
            : await users.FindByPhoneAsync(phone, ct);

        var verification = await sending.StartAsync(user?.Id, phone, purpose, ct);
        return VerificationView.From(verification, clock.GetUtcNow(), options.Value.Limits());
    }
}
