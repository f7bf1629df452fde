using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Lifecycle;

/// <summary>
/// The inactivity scan's queries: one indexed query each (stage, then the times), on SQLite's binary times and
/// PostgreSQL's timestamps alike. "Seen" is the later of the last activity and the stage change.
/// </summary>
internal sealed class InactiveUsers(LifecycleDbContext db) : IInactiveUsers
{
    public async Task<IReadOnlyList<UserId>> DueForActivationNudgeAsync(DateTimeOffset seenBefore, CancellationToken ct) =>
        await NotSeenSince(LifecycleStage.Onboarding, seenBefore)
            .Where(user => user.LastNudgedAt == null
                || user.LastNudgedAt < user.StageUpdatedAt
                || (user.LastActivityAt != null && user.LastNudgedAt < user.LastActivityAt))
            .Select(user => user.Id)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<UserId>> InactiveAsync(LifecycleStage stage, DateTimeOffset seenBefore, CancellationToken ct) =>
        await NotSeenSince(stage, seenBefore).Select(user => user.Id).ToListAsync(ct);

    private IQueryable<User> NotSeenSince(LifecycleStage stage, DateTimeOffset seenBefore) =>
        db.Users.AsNoTracking()
            .Where(user => user.Stage == stage
                && user.StageUpdatedAt <= seenBefore
                && (user.LastActivityAt == null || user.LastActivityAt <= seenBefore));
}
