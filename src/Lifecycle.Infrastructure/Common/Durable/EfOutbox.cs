using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Common.Durable;

internal sealed class EfOutbox(LifecycleDbContext db, TimeProvider clock) : IOutbox
{
    public void Enqueue(IOutboxMessage message, DateTimeOffset? notBefore = null)
    {
        var now = clock.GetUtcNow();
        db.Outbox.Add(new OutboxMessageRow
        {
            Type = DurableMessageTypes.NameOf(message),
            Payload = DurableMessageTypes.Serialize(message),
            CreatedAt = now,
            NotBefore = notBefore ?? now,
        });
    }
}

internal sealed class EfTimers(LifecycleDbContext db, TimeProvider clock) : ITimers
{
    public void Schedule(string key, DateTimeOffset dueAt, ITimerCommand command) => db.Timers.Add(Row(key, dueAt, command));

    public Task ScheduleManyAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct) =>
        BulkInsert.WriteAsync(db, [.. timers.Select(timer => Row(timer.Key, timer.DueAt, timer.Command))], ct);

    public async Task<IReadOnlySet<string>> PendingKeysAsync(string keyPrefix, CancellationToken ct) =>
        (await db.Timers.AsNoTracking().Where(row => row.Key.StartsWith(keyPrefix) && row.Status == WorkStatus.Pending).Select(row => row.Key).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

    private TimerRow Row(string key, DateTimeOffset dueAt, ITimerCommand command) => new()
    {
        Key = key,
        Type = DurableMessageTypes.NameOf(command),
        Payload = DurableMessageTypes.Serialize(command),
        CreatedAt = clock.GetUtcNow(),
        NotBefore = dueAt,
    };

    public async Task CancelAsync(string key, CancellationToken ct)
    {
        await db.Timers.Where(row => row.Key == key && row.Status == WorkStatus.Pending).LoadAsync(ct);
        Cancel(db.Timers.Local.Where(row => row.Key == key && row.Status == WorkStatus.Pending));
    }

    public async Task CancelAllAsync(string keyPrefix, CancellationToken ct)
    {
        await db.Timers.Where(row => row.Key.StartsWith(keyPrefix) && row.Status == WorkStatus.Pending).LoadAsync(ct);
        Cancel(db.Timers.Local.Where(row => row.Key.StartsWith(keyPrefix, StringComparison.Ordinal) && row.Status == WorkStatus.Pending));
    }

    private void Cancel(IEnumerable<TimerRow> timers)
    {
        foreach (var timer in timers.ToList())
        {
            timer.Status = WorkStatus.Cancelled;
            timer.CompletedAt = clock.GetUtcNow();
        }
    }
}
