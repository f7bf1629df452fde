using System.Threading.Channels;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Persistence;
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

    public Task<InboxAcceptance> AcceptAsync(InboxEntry entry, CancellationToken ct)
    {
        var pending = new PendingEntry(entry, new TaskCompletionSource<InboxAcceptance>(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(pending) ? pending.Outcome.Task : QueueAsync(pending, ct);
    }

    /// <summary>The queue is full: wait for room (back-pressure on the senders), then for the commit.</summary>
    private async Task<InboxAcceptance> QueueAsync(PendingEntry pending, CancellationToken ct)
    {
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
            var outcomes = await WriteAsync(batch);
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

    /// <summary>
    /// One transaction for the batch: the rows go in with <see cref="BulkInsert.InsertNewAsync"/>, whose
    /// <c>ON CONFLICT DO NOTHING</c> tells a key already stored (by us or another instance) in the same statement;
    /// no change tracking and no read of the keys first.
    /// </summary>
    private async Task<InboxAcceptance[]> WriteAsync(List<PendingEntry> batch)
    {
        var rows = new List<InboxEventRow>(batch.Count);
        var rowOf = new InboxEventRow?[batch.Count];
        var firsts = new HashSet<(string Source, string EventKey)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i].Entry;
            if (firsts.Add((entry.Source.Name, entry.Identity.EventKey)))
            {
                rows.Add(rowOf[i] = new InboxEventRow
                {
                    Source = entry.Source.Name,
                    EventKey = entry.Identity.EventKey,
                    EventType = entry.Identity.EventType,
                    Payload = entry.Payload,
                    CreatedAt = entry.ReceivedAt,
                    NotBefore = entry.ReceivedAt,
                });
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var inserted = await BulkInsert.InsertNewAsync(db, rows, [nameof(InboxEventRow.Source), nameof(InboxEventRow.EventKey)], CancellationToken.None);
        await transaction.CommitAsync();
        return [.. rowOf.Select(row => row is not null && inserted.Contains(row.Id) ? InboxAcceptance.Accepted : InboxAcceptance.Duplicate)];
    }

    private sealed record PendingEntry(InboxEntry Entry, TaskCompletionSource<InboxAcceptance> Outcome);
}
