using Lifecycle.Application.Verify;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>The Verify port over the typed Exotel Verify client.</summary>
internal sealed class ExotelVerifyGateway(ExotelVerify verify) : IVerifyGateway
{
    public async Task<VerifyStartResult> StartAsync(string phone, CancellationToken ct) =>
        await verify.StartAsync(phone, templateVariables: null, ct) switch
        {
            VerificationStart.Started started => new VerifyStartResult.Started(started.Sid),
            VerificationStart.Refused refused => new VerifyStartResult.Refused(refused.Code, refused.Message),
            var other => throw new InvalidOperationException($"Unexpected Verify start result {other}."),
        };
}
