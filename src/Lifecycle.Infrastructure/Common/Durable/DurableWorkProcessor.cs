using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Infrastructure.Common.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>
/// Drains one durable work table: claims due rows under a lease (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so
/// several instances share the work), sends each as a command through the mediator in its own scope, and marks it
/// done, or schedules a retry with growing delay, or dead-letters it. One failing row never holds up the others.
/// </summary>
internal abstract partial class DurableWorkProcessor<TRow>
    where TRow : WorkItem
{
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly DurableWorkOptions options;
    private readonly ILogger logger;
    private readonly SemaphoreSlim draining = new(1, 1);

    protected DurableWorkProcessor(IServiceScopeFactory scopes, TimeProvider clock, DurableWorkOptions options, ILogger logger)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>The worker name written on the rows this processor leases.</summary>
    protected string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// How much of its lease a unit must have ahead of it when it starts; the lease is renewed when less is left. Half
    /// the lease by default: a unit is a few database statements, and renewing once per half lease instead of before
    /// every unit is what keeps a large batch cheap.
    /// </summary>
    protected virtual TimeSpan LeaseNeededPerUnit => options.Lease / 2;

    /// <summary>
    /// Processes every row due now, batch after batch; returns how many rows were handled. Drains of one processor
    /// never overlap in a process: a second caller (the poll and a wake-up) waits for the first to finish.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        await draining.WaitAsync(ct);
        try
        {
            var handled = 0;
            int claimed;
            do
            {
                claimed = await ProcessBatchAsync(ct);
                handled += claimed;
            }
            while (claimed == options.BatchSize && !ct.IsCancellationRequested);

            return handled;
        }
        finally
        {
            draining.Release();
        }
    }

    /// <summary>
    /// Claims and processes at most one batch of due rows. Where the store writes side by side, each run of consecutive
    /// units that <see cref="AppliesApart"/> is split into <see cref="Lanes"/> by <see cref="LaneKey"/> and the lanes are
    /// applied at the same time: each unit waits on its statements' round trips far more than on the processor, and
    /// units of one key keep their order in their lane. Every other unit is applied in turn, after the run before it.
    /// </summary>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var (batch, leasedUntil, concurrentWriters) = await ClaimAsync(ct);
        var planned = new List<(TRow Row, IMessage Message)>();
        foreach (var row in batch)
        {
            try
            {
                planned.Add((row, ToMessage(row)));
            }
            catch (Exception exception) when (!ct.IsCancellationRequested)
            {
                await FailAsync(row, exception, ct);
            }
        }

        var units = Group(planned).ToList();
        var lanes = concurrentWriters ? Lanes : 1;
        foreach (var (run, apart) in Runs(units, lanes))
        {
            leasedUntil = apart
                ? (await Task.WhenAll(run
                    .GroupBy(unit => (StringComparer.Ordinal.GetHashCode(LaneKey(unit)) & int.MaxValue) % lanes)
                    .Select(lane => ProcessInTurnAsync([.. lane], leasedUntil, ct)))).Min()
                : await ProcessInTurnAsync(run, leasedUntil, ct);
        }

        return batch.Count;
    }

    /// <summary>The units in claimed order, cut into runs that are applied in lanes or in turn.</summary>
    private IEnumerable<(List<WorkUnit> Run, bool Apart)> Runs(List<WorkUnit> units, int lanes)
    {
        if (lanes == 1)
        {
            yield return (units, false);
            yield break;
        }

        for (var start = 0; start < units.Count;)
        {
            var apart = AppliesApart(units[start]);
            var end = start + 1;
            while (end < units.Count && AppliesApart(units[end]) == apart)
            {
                end++;
            }

            yield return (units.GetRange(start, end - start), apart && end - start > 1);
            start = end;
        }
    }

    /// <summary>
    /// Applies the units one after the other (several to a transaction where they may share one); answers the end of
    /// their lease.
    /// </summary>
    private async Task<DateTimeOffset> ProcessInTurnAsync(List<WorkUnit> units, DateTimeOffset leasedUntil, CancellationToken ct)
    {
        var lost = new HashSet<Guid>();
        for (var next = 0; next < units.Count;)
        {
            if (leasedUntil - clock.GetUtcNow() < LeaseNeededPerUnit)
            {
                leasedUntil = await RenewLeasesAsync([.. units.Skip(next).SelectMany(later => later.Rows)], lost, ct);
            }

            var step = NextStep(units, next);
            next += step.Count;
            // A unit whose lease ran out (an earlier one overran it) may belong to another worker now.
            var ours = step.Where(unit => !unit.Rows.Any(row => lost.Contains(row.Id))).ToList();
            if (ours is [var single] && Throttle(single) is { } retryAt)
            {
                await DeferAsync(single.Rows, retryAt, ct);
            }
            else if (ours is [var alone] && !SharesTransaction(alone.Message))
            {
                await ProcessAsync(alone, ct);
            }
            else if (ours.Count > 0)
            {
                await ProcessTogetherAsync(ours, ct);
            }
        }

        return leasedUntil;
    }

    protected abstract IMessage ToMessage(TRow row);

    protected abstract string EventKeyOf(TRow row);

    /// <summary>How claimed rows become messages: one each, unless a processor sends several rows as one message.</summary>
    protected virtual IEnumerable<WorkUnit> Group(IReadOnlyList<(TRow Row, IMessage Message)> planned) =>
        planned.Select(item => new WorkUnit([item.Row], item.Message, EventKeyOf(item.Row)));

    /// <summary>When a unit may not go now (a provider quota is spent): the time to try again, without an attempt counted.</summary>
    protected virtual DateTimeOffset? Throttle(WorkUnit unit) => null;

    /// <summary>What the row asks for, as its log entries name it: the message type, or the webhook event.</summary>
    protected abstract string WorkOf(TRow row);

    /// <summary>
    /// How many consecutive units may be applied in one transaction, each under a savepoint of its own, when
    /// <see cref="SharesTransaction"/> allows it: one commit for many units is what lets a store whose commit waits for
    /// the disk keep up with many small units. 1: every unit commits alone.
    /// </summary>
    protected virtual int UnitsPerTransaction => 1;

    /// <summary>
    /// How many lanes of a batch may be applied at the same time, each on a connection of its own, where the store
    /// writes side by side. 1: the batch is applied in turn.
    /// </summary>
    protected virtual int Lanes => 1;

    /// <summary>What puts two units in one lane, in the order they were claimed.</summary>
    protected virtual string LaneKey(WorkUnit unit) => unit.EventKey ?? string.Empty;

    /// <summary>
    /// Whether a unit may be applied side by side with units of other <see cref="LaneKey"/>s: only if no order between
    /// them could show in what they leave behind.
    /// </summary>
    protected virtual bool AppliesApart(WorkUnit unit) => false;

    /// <summary>Whether a unit's message may be applied in a transaction shared with other units.</summary>
    protected virtual bool SharesTransaction(IMessage message) => false;

    /// <summary>Lets the unit's handler know, through its scope's services, which rows it is working on.</summary>
    /// <param name="sharedTransaction">Whether the unit runs in a transaction the processor opened for several units.</param>
    protected virtual void Prepare(IServiceProvider services, WorkUnit unit, bool sharedTransaction)
    {
    }

    /// <summary>
    /// Whether the handler's unit of work already marked the unit's rows done in its own transaction; if not (an event
    /// already processed returns before any transaction), a separate update does.
    /// </summary>
    protected virtual bool CompletedWithUnitOfWork(IServiceProvider services) => false;

    /// <summary>Failures that no retry can mend go straight to the dead letters.</summary>
    protected virtual bool IsPermanent(Exception exception) => false;

    /// <summary>Failures that, after <paramref name="attempts"/>, are an expected outcome to keep, not work to retry.</summary>
    protected virtual bool IsUnmatched(Exception exception, int attempts) => false;

    private async Task ProcessAsync(WorkUnit unit, CancellationToken ct)
    {
        try
        {
            bool completed;
            await using (var scope = scopes.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<IdempotencyScope>().EventKey = unit.EventKey;
                Prepare(scope.ServiceProvider, unit, sharedTransaction: false);
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(unit.Message, ct);
                completed = CompletedWithUnitOfWork(scope.ServiceProvider);
            }

            if (!completed)
            {
                await using var scope = scopes.CreateAsyncScope();
                await CompleteAsync(scope.ServiceProvider.GetRequiredService<LifecycleDbContext>(), unit.Rows, ct);
            }
        }
        catch (Exception exception) when (!ct.IsCancellationRequested)
        {
            await FailAsync(unit, exception, ct);
        }
    }

    /// <summary>The next unit alone, or up to <see cref="UnitsPerTransaction"/> consecutive units that may share a transaction.</summary>
    private List<WorkUnit> NextStep(List<WorkUnit> units, int from)
    {
        var step = new List<WorkUnit> { units[from] };
        while (step.Count < UnitsPerTransaction && from + step.Count < units.Count
            && SharesTransaction(units[from].Message) && SharesTransaction(units[from + step.Count].Message))
        {
            step.Add(units[from + step.Count]);
        }

        return step;
    }

    /// <summary>
    /// Applies the units one after the other in one scope and one transaction, each under a savepoint: a unit that
    /// fails is rolled back to its savepoint alone and retried later like any failure, the others commit together
    /// with their rows marked done. A crash before the commit applies none of them, and their rows come back when the
    /// lease runs out.
    /// </summary>
    /// <remarks>
    /// A unit costs its own statements only: the event keys are looked up for all units in one query, a unit's
    /// savepoint goes out with its first statement (and releases the one before), and the rows are marked done in one
    /// statement before the commit.
    /// </remarks>
    private async Task ProcessTogetherAsync(IReadOnlyList<WorkUnit> units, CancellationToken ct)
    {
        var failures = new List<(WorkUnit Unit, Exception Exception)>();
        var applied = new List<TRow>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<LifecycleDbContext>();
            var idempotency = services.GetRequiredService<IdempotencyScope>();
            // Each unit has its savepoint already: EF's own around every save would only add two round trips per unit.
            // (A pooled context gets the default back when it returns to the pool.)
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var processed = await ProcessedKeysAsync(db, units, ct);
            var savepoint = UnitSavepoint.Open;
            foreach (var unit in units)
            {
                // The savepoint goes out with the unit's first statement; a unit that sends none leaves it for the next.
                db.StatementAhead = savepoint;
                try
                {
                    idempotency.EventKey = unit.EventKey;
                    idempotency.KnownUnprocessed = unit.EventKey is { } key && !processed.Contains(key);
                    Prepare(services, unit, sharedTransaction: true);
                    await services.GetRequiredService<IMediator>().Send(unit.Message, ct);
                    applied.AddRange(unit.Rows);
                }
                catch (Exception exception) when (!ct.IsCancellationRequested)
                {
                    if (db.StatementAhead is null)
                    {
                        await db.Database.ExecuteSqlRawAsync(UnitSavepoint.RollBack, ct);
                    }

                    failures.Add((unit, exception));
                }
                finally
                {
                    savepoint = db.StatementAhead ?? UnitSavepoint.ReleaseAndOpen;
                    db.StatementAhead = null;
                    // What one unit loaded or changed must not leak into the next one's view.
                    db.ChangeTracker.Clear();
                }
            }

            if (applied.Count > 0)
            {
                await CompleteAsync(db, applied, ct);
            }

            await transaction.CommitAsync(ct);
        }

        foreach (var (unit, exception) in failures)
        {
            await FailAsync(unit, exception, ct);
        }
    }

    /// <summary>The units' event keys that already have a stored outcome (their event was applied before).</summary>
    private static async Task<HashSet<string>> ProcessedKeysAsync(LifecycleDbContext db, IReadOnlyList<WorkUnit> units, CancellationToken ct)
    {
        var keys = units.Select(unit => unit.EventKey).OfType<string>().ToList();
        return keys.Count == 0
            ? []
            : (await db.ProcessedEvents.AsNoTracking().Where(row => keys.Contains(row.EventKey)).Select(row => row.EventKey).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
    }

    private async Task FailAsync(WorkUnit unit, Exception exception, CancellationToken ct)
    {
        foreach (var row in unit.Rows)
        {
            await FailAsync(row, exception, ct);
        }
    }

    /// <summary>
    /// Extends the lease of every row of the batch not yet handled by <see cref="DurableWorkOptions.Lease"/>, in one
    /// statement, so a batch that takes longer than one lease keeps its rows. Rows no longer ours (a unit overran the
    /// lease and another worker took them) are added to <paramref name="lost"/>. Answers the new end of the lease.
    /// </summary>
    private async Task<DateTimeOffset> RenewLeasesAsync(IReadOnlyList<TRow> remaining, HashSet<Guid> lost, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>().Set<TRow>();
        var now = clock.GetUtcNow();
        var ids = remaining.Select(row => row.Id).Where(id => !lost.Contains(id)).ToList();
        var ours = rows.Where(item => ids.Contains(item.Id) && item.LockedBy == Owner && item.LockedUntil > now && item.Status == WorkStatus.Pending);
        var renewed = await ours.ExecuteUpdateAsync(setters => setters.SetProperty(item => item.LockedUntil, now + options.Lease), ct);
        if (renewed < ids.Count)
        {
            var kept = (await ours.Select(item => item.Id).ToListAsync(ct)).ToHashSet();
            lost.UnionWith(ids.Where(id => !kept.Contains(id)));
        }

        return now + options.Lease;
    }

    private async Task CompleteAsync(LifecycleDbContext db, IReadOnlyList<TRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(row => row.Id).ToList();
        var now = clock.GetUtcNow();
        await db.Set<TRow>()
            .Where(item => ids.Contains(item.Id) && item.LockedBy == Owner)
            .ExecuteUpdateAsync(setters => setters.MarkDone(now), ct);
    }

    private async Task DeferAsync(IReadOnlyList<TRow> rows, DateTimeOffset until, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ids = rows.Select(row => row.Id).ToList();
        await scope.ServiceProvider.GetRequiredService<LifecycleDbContext>().Set<TRow>()
            .Where(item => ids.Contains(item.Id) && item.LockedBy == Owner)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(item => item.LockedBy, (string?)null)
                    .SetProperty(item => item.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(item => item.NotBefore, until),
                ct);
    }

    private async Task FailAsync(TRow row, Exception exception, CancellationToken ct)
    {
        var attempts = row.Attempts + 1;
        var status = IsUnmatched(exception, attempts) ? WorkStatus.Unmatched
            : attempts >= options.MaxAttempts || IsPermanent(exception) ? WorkStatus.DeadLettered
            : WorkStatus.Pending;
        // Provider answers quote our requests, phone numbers included: mask them before they are logged or stored.
        var error = LogRedaction.MaskPhones($"{exception.GetType().Name}: {exception.Message}");
        var retryAt = clock.GetUtcNow() + options.RetryDelay(attempts, Random.Shared.NextDouble());
        LogFailure(row, exception, attempts, status, retryAt, error);
        await UpdateAsync(row, status, (attempts, error, retryAt), ct);
    }

    /// <summary>
    /// The one log entry for a failed attempt (the mediator pipeline traces it only at Debug). A callback whose record
    /// is not there yet is the inbox working as designed: Debug, and Information once it is given up as unmatched — an
    /// expected outcome, not a fault. Any other failure that will be retried: Warning, since the next attempt may mend
    /// it. Dead-lettered: Error, as nothing mends it without an operator.
    /// </summary>
    private void LogFailure(TRow row, Exception exception, int attempts, WorkStatus status, DateTimeOffset retryAt, string error)
    {
        var work = LogRedaction.MaskPhones(WorkOf(row));
        if (status == WorkStatus.Unmatched)
        {
            LogUnmatched(typeof(TRow).Name, row.Id, work, attempts, error);
        }
        else if (status == WorkStatus.DeadLettered)
        {
            LogDeadLettered(typeof(TRow).Name, row.Id, work, attempts, LogRedaction.Mask(exception));
        }
        else if (exception is ProviderRecordPendingException)
        {
            LogRecordPending(typeof(TRow).Name, row.Id, work, retryAt, error);
        }
        else
        {
            LogRetrying(typeof(TRow).Name, row.Id, work, attempts, retryAt, LogRedaction.Mask(exception));
        }
    }

    private async Task UpdateAsync(TRow row, WorkStatus status, (int Attempts, string Error, DateTimeOffset RetryAt)? failure, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var now = clock.GetUtcNow();
        await db.Set<TRow>()
            .Where(item => item.Id == row.Id && item.LockedBy == Owner)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(item => item.Status, status)
                    .SetProperty(item => item.LockedBy, (string?)null)
                    .SetProperty(item => item.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(item => item.CompletedAt, status == WorkStatus.Pending ? null : now)
                    .SetProperty(item => item.Attempts, failure == null ? row.Attempts : failure.Value.Attempts)
                    .SetProperty(item => item.LastError, failure == null ? row.LastError : failure.Value.Error)
                    .SetProperty(item => item.NotBefore, failure == null ? row.NotBefore : failure.Value.RetryAt),
                ct);
    }

    /// <summary>
    /// Leases a batch of due rows; answers them in the order they apply, the end of their lease, and whether the store
    /// lets them be applied side by side.
    /// </summary>
    private async Task<(IReadOnlyList<TRow> Rows, DateTimeOffset LeasedUntil, bool ConcurrentWriters)> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = await DueIdsAsync(db, now, ct);
        if (ids.Count == 0)
        {
            return ([], now, db.SupportsConcurrentWriters);
        }

        await db.Set<TRow>()
            .Where(item => ids.Contains(item.Id))
            .ExecuteUpdateAsync(
                setters => setters.SetProperty(item => item.LockedBy, Owner).SetProperty(item => item.LockedUntil, now + options.Lease),
                ct);
        await transaction.CommitAsync(ct);
        var rows = await db.Set<TRow>().AsNoTracking().Where(item => ids.Contains(item.Id)).OrderBy(item => item.NotBefore).ThenBy(item => item.Id).ToListAsync(ct);
        return (rows, now + options.Lease, db.SupportsConcurrentWriters);
    }

    private async Task<List<Guid>> DueIdsAsync(LifecycleDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (!db.SupportsSkipLocked)
        {
            return await db.Set<TRow>()
                .Where(item => item.Status == WorkStatus.Pending && item.NotBefore <= now && (item.LockedUntil == null || item.LockedUntil < now))
                .OrderBy(item => item.NotBefore)
                .ThenBy(item => item.Id)
                .Take(options.BatchSize)
                .Select(item => item.Id)
                .ToListAsync(ct);
        }

        // The table name comes from our own model, never from input.
        var sql = $"""
            SELECT id AS "Value" FROM {db.Model.FindEntityType(typeof(TRow))!.GetTableName()}
            WHERE status = 'Pending' AND not_before <= @p0 AND (locked_until IS NULL OR locked_until < @p0)
            ORDER BY not_before, id
            LIMIT @p1
            FOR UPDATE SKIP LOCKED
            """;
        return await db.Database
            .SqlQueryRaw<Guid>(sql, new Npgsql.NpgsqlParameter("p0", now), new Npgsql.NpgsqlParameter("p1", options.BatchSize))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The statements around a unit applied in a shared transaction. Both stores take several statements in one
    /// command, so releasing one savepoint and opening the next goes in one; a savepoint survives a rollback to it, so
    /// the next unit's release finds it either way.
    /// </summary>
    private static class UnitSavepoint
    {
        public const string Open = "SAVEPOINT unit";
        public const string ReleaseAndOpen = "RELEASE SAVEPOINT unit; SAVEPOINT unit";
        public const string RollBack = "ROLLBACK TO SAVEPOINT unit";
    }

    /// <summary>Rows that go to the mediator as one message, under one idempotency key (none for a group).</summary>
    protected sealed record WorkUnit(IReadOnlyList<TRow> Rows, IMessage Message, string? EventKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table} row {Id} ({Work}) matched no record after {Attempts} attempts; kept as unmatched: {Error}")]
    private partial void LogUnmatched(string table, Guid id, string work, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Table} row {Id} ({Work}) dead-lettered after {Attempts} attempts")]
    private partial void LogDeadLettered(string table, Guid id, string work, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Table} row {Id} ({Work}) failed attempt {Attempts}; retried at {RetryAt:O}")]
    private partial void LogRetrying(string table, Guid id, string work, int attempts, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Table} row {Id} ({Work}) waits for its record; retried at {RetryAt:O}: {Error}")]
    private partial void LogRecordPending(string table, Guid id, string work, DateTimeOffset retryAt, string error);
}
