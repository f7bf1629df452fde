using System.Threading.Channels;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>
/// Stores accepted webhook events with group commit: one writer drains a channel and writes a few hundred events
/// per transaction; each request awaits its own event's commit. Answers <see cref="InboxAcceptance.Duplicate"/>
/// for an event key already stored (or twice in one batch).
/// </summary>
internal sealed class InboxWriter(IServiceScopeFactory scopes, InboxWakeup wakeup) : BackgroundService, IInbox
{
    private const int MaxBatch = 256;

    private readonly Channel<PendingEntry> queue =
        Channel.CreateBounded<PendingEntry>(new BoundedChannelOptions(10_000) { SingleReader = true });

    public async Task<InboxAcceptance> AcceptAsync(InboxEntry entry, CancellationToken ct)
    {
        var pending = new PendingEntry(entry, new TaskCompletionSource<InboxAcceptance>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, ct);
        return await pending.Outcome.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingEntry>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingEntry> batch)
    {
        try
        {
            IReadOnlyList<InboxAcceptance> outcomes;
            try
            {
                outcomes = await WriteAsync(batch);
            }
            catch (DbUpdateException)
            {
                // Another instance stored one of these keys between our read and our write: read again.
                outcomes = await WriteAsync(batch);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Outcome.TrySetResult(outcomes[i]);
            }

            wakeup.Signal();
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(exception);
            }
        }
    }

    private async Task<IReadOnlyList<InboxAcceptance>> WriteAsync(List<PendingEntry> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var keys = batch.Select(pending => pending.Entry.Identity.EventKey).Distinct().ToList();
        var stored = (await db.Inbox.AsNoTracking()
                .Where(row => keys.Contains(row.EventKey))
                .Select(row => new { row.Source, row.EventKey })
                .ToListAsync())
            .Select(row => (row.Source, row.EventKey))
            .ToHashSet();

        var outcomes = new InboxAcceptance[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i].Entry;
            var key = (entry.Source.Name, entry.Identity.EventKey);
            if (!stored.Add(key))
            {
                outcomes[i] = InboxAcceptance.Duplicate;
                continue;
            }

            outcomes[i] = InboxAcceptance.Accepted;
            db.Inbox.Add(new InboxEventRow
            {
                Source = key.Item1,
                EventKey = entry.Identity.EventKey,
                EventType = entry.Identity.EventType,
                Payload = entry.Payload,
                CreatedAt = entry.ReceivedAt,
                NotBefore = entry.ReceivedAt,
            });
        }

        await db.SaveChangesAsync();
        return outcomes;
    }

    private sealed record PendingEntry(InboxEntry Entry, TaskCompletionSource<InboxAcceptance> Outcome);
}
