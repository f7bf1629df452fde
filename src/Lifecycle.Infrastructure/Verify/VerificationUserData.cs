using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Domain.Verify;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// The Verify module's share of a user's data: verifications of their phone. Pending ones are closed (and their resends
/// and voice calls cancelled); on erasure they are deleted, since a verification is its phone.
/// </summary>
internal sealed class VerificationUserData(LifecycleDbContext db, TimeProvider clock) : IUserDataOwner
{
    public async Task CancelPendingAsync(OffboardedUser user, CancellationToken ct)
    {
        var pending = await Of(user).Where(verification => verification.Status == VerificationStatus.Pending).ToListAsync(ct);
        foreach (var verification in pending)
        {
            verification.Fail("the user was offboarded");
        }

        await DurableWorkErasure.CancelNamingAsync(db, pending.Select(verification => verification.Id), clock.GetUtcNow(), ct);
    }

    public async Task EraseAsync(OffboardedUser user, CancellationToken ct)
    {
        var verifications = await Of(user).ToListAsync(ct);
        db.Set<Verification>().RemoveRange(verifications);
    }

    private IQueryable<Verification> Of(OffboardedUser user) =>
        db.Set<Verification>().Where(verification => verification.UserId == user.UserId || (user.Phone != null && verification.Phone == user.Phone));
}
