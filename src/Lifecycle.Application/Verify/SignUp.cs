using FluentValidation;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>
/// <c>POST /api/signups</c>: a new user in ACQUIRED and an SMS OTP verification of their phone. A phone that signed
/// up but never verified starts a fresh verification for the same user; a verified phone is refused (409).
/// </summary>
public sealed record SignUp(string? Phone, string? Name) : ICommand<SignUpResult>;

public sealed record SignUpResult(Guid UserId, Guid VerificationId, string Stage);

internal sealed class SignUpValidator : AbstractValidator<SignUp>
{
    public SignUpValidator()
    {
        RuleFor(command => command.Phone)
            .Must(E164Phone.IsValid)
            .WithMessage("phone must be E.164: '+', a country code and the number, e.g. +919876543210.");
        RuleFor(command => command.Name).MaximumLength(200);
    }
}

internal sealed class SignUpHandler(IUserRepository users, VerificationSending sending, TimeProvider clock)
    : ICommandHandler<SignUp, SignUpResult>
{
    public async ValueTask<SignUpResult> Handle(SignUp command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var phone = E164Phone.Parse(command.Phone!);
        var user = await users.FindByPhoneAsync(phone, ct);
        if (user is null)
        {
            user = User.Register(UserId.New(), phone, command.Name, correlationId: null, now);
            users.Add(user);
        }
        else if (user.Stage != LifecycleStage.Acquired)
        {
            throw new AlreadySignedUp();
        }

        var verification = await sending.StartAsync(user.Id, phone, VerificationPurpose.Signup, ct);
        return new SignUpResult(user.Id.Value, verification.Id, user.Stage.Name());
    }
}

public sealed class AlreadySignedUp() : DomainException("This phone number already belongs to a verified user.");
