using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>Outbox message: ask Exotel Verify to send the OTP and record its verification sid.</summary>
public sealed record StartVerification(Guid VerificationId) : IOutboxMessage, ICorrelated
{
    public string CorrelationId => VerificationId.ToString();
}

internal sealed class StartVerificationHandler(IVerificationRepository verifications, IVerifyGateway gateway)
    : ICommandHandler<StartVerification>
{
    public async ValueTask<Unit> Handle(StartVerification command, CancellationToken ct)
    {
        var verification = await verifications.FindAsync(command.VerificationId, ct)
            ?? throw new NotFoundException("Verification", command.VerificationId);
        if (verification.ProviderSid is not null)
        {
            return Unit.Value;
        }

        switch (await gateway.StartAsync(verification.Phone.Value, ct))
        {
            case VerifyStartResult.Started started:
                verification.RecordProviderSid(started.VerificationSid);
                break;
            case VerifyStartResult.Refused refused:
                verification.Fail($"{refused.Code}: {refused.Reason}");
                break;
        }

        return Unit.Value;
    }
}
