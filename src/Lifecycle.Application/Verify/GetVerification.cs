using Lifecycle.Application.Common.Errors;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Verify;

/// <summary><c>GET /api/verifications/{id}</c>.</summary>
public sealed record GetVerification(Guid VerificationId) : IQuery<VerificationView>;

internal sealed class GetVerificationHandler(IVerificationRepository verifications, IOptions<VerifyOptions> options, TimeProvider clock)
    : IQueryHandler<GetVerification, VerificationView>
{
    public async ValueTask<VerificationView> Handle(GetVerification query, CancellationToken ct) =>
        VerificationView.From(
            await verifications.FindAsync(query.VerificationId, ct) ?? throw new NotFoundException("Verification", query.VerificationId),
            clock.GetUtcNow(),
            options.Value.Limits());
}
