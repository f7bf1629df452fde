using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// The daily inactivity scan (<c>Lifecycle:Scan:Cron</c>): ONBOARDING users inactive for
/// <see cref="ActivationOptions.InactivityDays"/> get the activation nudge (guide §4.2), ENGAGED users inactive for
/// <see cref="ChurnOptions.InactivityDays"/> become AT_RISK (guide §4.3). One query per flow finds the users; they are
/// changed in batches of <see cref="ScanOptions.BatchSize"/>, one transaction each. Running it again finds nothing new:
/// a nudged user carries <see cref="User.LastNudgedAt"/>, an at-risk user is no longer ENGAGED.
/// </summary>
public sealed record RunInactivityScan : ICommand<InactivityScanResult>, ICommitsOutsideUnitOfWork;

public sealed record InactivityScanResult(int Nudged, int MarkedAtRisk);

internal sealed class RunInactivityScanHandler(
    IInactiveUsers inactive,
    IServiceScopeFactory scopes,
    IOptions<ActivationOptions> activation,
    IOptions<ChurnOptions> churn,
    IOptions<ScanOptions> scan,
    TimeProvider clock) : ICommandHandler<RunInactivityScan, InactivityScanResult>
{
    public async ValueTask<InactivityScanResult> Handle(RunInactivityScan command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nudgeBefore = now.AddDays(-activation.Value.InactivityDays);
        var atRiskBefore = now.AddDays(-churn.Value.InactivityDays);
        var toNudge = await inactive.DueForActivationNudgeAsync(nudgeBefore, ct);
        var toMark = await inactive.InactiveAsync(LifecycleStage.Engaged, atRiskBefore, ct);

        var nudged = await InBatchesAsync(toNudge, (batch, users) => batch.Nudge(users, nudgeBefore, now), ct);
        var marked = await InBatchesAsync(toMark, (batch, users) => batch.MarkAtRisk(users, atRiskBefore, now), ct);
        return new InactivityScanResult(nudged, marked);
    }

    /// <summary>
    /// Each batch in a scope of its own, so that no change tracker grows with the whole scan and each batch commits
    /// (with its domain events' reactions) on its own.
    /// </summary>
    private async Task<int> InBatchesAsync(IReadOnlyList<UserId> ids, Func<InactivityBatch, IReadOnlyList<User>, int> apply, CancellationToken ct)
    {
        var changed = 0;
        foreach (var chunk in ids.Chunk(scan.Value.BatchSize))
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var batch = services.GetRequiredService<InactivityBatch>();
            var users = services.GetRequiredService<IUserRepository>();
            changed += await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(
                async token => apply(batch, await users.FindManyAsync(chunk, token)), eventKey: null, ct);
        }

        return changed;
    }
}

/// <summary>
/// What the scan does to each user it found — checked again on the loaded user, since they may have been active between
/// the query and their batch.
/// </summary>
internal sealed class InactivityBatch(ActivationNudge nudge)
{
    public int Nudge(IReadOnlyList<User> users, DateTimeOffset seenBefore, DateTimeOffset now)
    {
        var due = users.Where(user => user is { Stage: LifecycleStage.Onboarding, IsDueForNudge: true } && user.LastSeenAt <= seenBefore).ToList();
        foreach (var user in due)
        {
            nudge.Nudge(user, now);
        }

        return due.Count;
    }

    public int MarkAtRisk(IReadOnlyList<User> users, DateTimeOffset seenBefore, DateTimeOffset now)
    {
        var due = users.Where(user => user.Stage == LifecycleStage.Engaged && user.LastSeenAt <= seenBefore).ToList();
        foreach (var user in due)
        {
            user.TransitionTo(LifecycleStage.AtRisk, "inactive", $"scan:{now:yyyy-MM-dd}", now);
        }

        return due.Count;
    }
}
