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

    /// <summary>Claims and processes at most one batch of due rows.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var (batch, leasedUntil) = await ClaimAsync(ct);
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
        var lost = new HashSet<Guid>();
        for (var next = 0; next < units.Count; next++)
        {
            var unit = units[next];
            if (leasedUntil - clock.GetUtcNow() < LeaseNeededPerUnit)
            {
                leasedUntil = await RenewLeasesAsync([.. units.Skip(next).SelectMany(later => later.Rows)], lost, ct);
            }

            if (unit.Rows.Any(row => lost.Contains(row.Id)))
            {
                // Our lease ran out (a unit overran it) and another worker may own these rows now.
                continue;
            }

            if (Throttle(unit) is { } retryAt)
            {
                await DeferAsync(unit.Rows, retryAt, ct);
                continue;
            }

            await ProcessAsync(unit, ct);
        }

        return batch.Count;
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

    /// <summary>Lets the unit's handler know, through its scope's services, which rows it is working on.</summary>
    protected virtual void Prepare(IServiceProvider services, WorkUnit unit)
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
                Prepare(scope.ServiceProvider, unit);
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(unit.Message, ct);
                completed = CompletedWithUnitOfWork(scope.ServiceProvider);
            }

            if (!completed)
            {
                await CompleteAsync(unit.Rows, ct);
            }
        }
        catch (Exception exception) when (!ct.IsCancellationRequested)
        {
            foreach (var row in unit.Rows)
            {
                await FailAsync(row, exception, ct);
            }
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

    private async Task CompleteAsync(IReadOnlyList<TRow> rows, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ids = rows.Select(row => row.Id).ToList();
        var now = clock.GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<LifecycleDbContext>().Set<TRow>()
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

    /// <summary>Leases a batch of due rows; answers them in the order they apply and the end of their lease.</summary>
    private async Task<(IReadOnlyList<TRow> Rows, DateTimeOffset LeasedUntil)> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = await DueIdsAsync(db, now, ct);
        if (ids.Count == 0)
        {
            return ([], now);
        }

        await db.Set<TRow>()
            .Where(item => ids.Contains(item.Id))
            .ExecuteUpdateAsync(
                setters => setters.SetProperty(item => item.LockedBy, Owner).SetProperty(item => item.LockedUntil, now + options.Lease),
                ct);
        await transaction.CommitAsync(ct);
        var rows = await db.Set<TRow>().AsNoTracking().Where(item => ids.Contains(item.Id)).OrderBy(item => item.NotBefore).ThenBy(item => item.Id).ToListAsync(ct);
        return (rows, now + options.Lease);
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
