using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>
/// Outbox message: ask Exotel Verify to send an SMS code — a new Exotel verification for every send, as the guide
/// says not to reuse sids — and record its sid. A send that a newer one has overtaken, or whose verification has
/// closed meanwhile, is not sent.
/// </summary>
public sealed record SendVerificationSms(Guid VerificationId, int SmsSend = 1) : IOutboxMessage, ICorrelated
{
    public string CorrelationId => VerificationId.ToString();
}

internal sealed class SendVerificationSmsHandler(IVerificationRepository verifications, IVerifyGateway gateway, TimeProvider clock)
    : ICommandHandler<SendVerificationSms>
{
    public async ValueTask<Unit> Handle(SendVerificationSms command, CancellationToken ct)
    {
        var verification = await verifications.FindAsync(command.VerificationId, ct)
            ?? throw new NotFoundException("Verification", command.VerificationId);
        if (!verification.AwaitsSmsStart(command.SmsSend, clock.GetUtcNow()))
        {
            return Unit.Value;
        }

        switch (await gateway.StartAsync(verification.Phone.Value, ct))
        {
            case VerifyStartResult.Started started:
                verification.RecordProviderSid(started.VerificationSid, command.SmsSend);
                break;
            case VerifyStartResult.Refused refused:
                verification.Fail($"{refused.Code}: {refused.Reason}");
                break;
        }

        return Unit.Value;
    }
}
