using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Verify;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Verify;

/// <summary>
/// Outbox message: the voice fallback (policies.md: "a voice call reading a code — our own code"). A fresh token and
/// the code it reads are issued and committed first, because the flow's Greeting asks for the text as soon as the user
/// answers, possibly before our answer from <c>Calls/connect</c> is even read; then the call is placed, outside any
/// transaction; then its CallSid (or the refusal) is recorded under the outbox row's idempotency key. See ADR 0004.
/// </summary>
public sealed record PlaceVoiceOtpCall(Guid VerificationId, int Send) : IOutboxMessage, IRateLimitedMessage, ICorrelated, ICommitsOutsideUnitOfWork
{
    /// <summary>The quota lane of Exotel's Voice API.</summary>
    public string RateLane => "voice";

    public string CorrelationId => VerificationId.ToString();
}

internal sealed partial class PlaceVoiceOtpCallHandler(
    IVerificationRepository verifications,
    IVoiceOtpGateway gateway,
    IUnitOfWork unitOfWork,
    IdempotencyScope idempotency,
    IOptions<VerifyOptions> options,
    TimeProvider clock,
    ILogger<PlaceVoiceOtpCallHandler> logger) : ICommandHandler<PlaceVoiceOtpCall>
{
    public async ValueTask<Unit> Handle(PlaceVoiceOtpCall command, CancellationToken ct)
    {
        if (await unitOfWork.ExecuteAsync(token => IssueAsync(command, token), eventKey: null, ct) is not { } issued)
        {
            return Unit.Value;
        }

        var call = new VoiceOtpCall(issued.Phone, issued.Token);
        var placement = await gateway.PlaceCallAsync(call, ct);

        // The call is placed: failing now would make the outbox place it again. A check that changed the verification
        // meanwhile is the only expected conflict, so record again on fresh data.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork.ExecuteAsync(token => RecordAsync(command, placement, token), idempotency.EventKey, ct);
            }
            catch (Common.Errors.ConcurrencyConflictException) when (attempt < MaxRecordAttempts)
            {
            }
        }
    }

    private const int MaxRecordAttempts = 3;

    /// <summary>The code and its single-use token, unless the send was overtaken or the verification closed.</summary>
    private async ValueTask<(string Phone, string Token)?> IssueAsync(PlaceVoiceOtpCall command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await verifications.FindAsync(command.VerificationId, ct) is not { } verification || !verification.AwaitsVoiceCall(command.Send, now))
        {
            return null;
        }

        var token = VoiceOtpToken.New(verification.Id);
        verification.IssueVoiceCode(VoiceOtp.CodeOf(token), VoiceOtp.HashToken(token), now, options.Value.CodeLifetime);
        return (verification.Phone.Value, token);
    }

    private async ValueTask<Unit> RecordAsync(PlaceVoiceOtpCall command, VoiceOtpCallResult placement, CancellationToken ct)
    {
        if (await verifications.FindAsync(command.VerificationId, ct) is not { } verification)
        {
            return Unit.Value;
        }

        // Checks may have changed it while the call was being placed.
        await verifications.ReloadAsync(verification, ct);
        switch (placement)
        {
            case VoiceOtpCallResult.Placed placed:
                verification.RecordVoiceCall(placed.CallSid);
                break;
            case VoiceOtpCallResult.Refused refused when verification.Status == VerificationStatus.Pending:
                verification.Fail($"voice call refused: {refused.Code}: {refused.Reason}");
                break;
            case VoiceOtpCallResult.OutcomeUnknown unknown:
                // The user may be hearing the code right now: a second call could ring twice. The outbox row completes and
                // the verification runs to its expiry unless the code is checked (ADR 0006).
                LogOutcomeUnknown(command.VerificationId, unknown.Reason);
                break;
        }

        return Unit.Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice OTP call for verification {VerificationId} has an unknown outcome and is not placed again: {Reason}")]
    private partial void LogOutcomeUnknown(Guid verificationId, string reason);
}
