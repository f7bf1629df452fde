using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>Finished durable rows (unmatched callbacks too) are deleted after their retention; owed work and dead letters never are.</summary>
public abstract class RetentionTests(StoreKind kind) : IAsyncLifetime
{
    private RecordingExotel exotel = null!;

    public async Task InitializeAsync() => exotel = await RecordingExotel.StartAsync();

    public async Task DisposeAsync() => await exotel.DisposeAsync();

    [Fact]
    public async Task The_sweep_deletes_only_finished_rows_older_than_their_retention()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
        var old = app.Clock.GetUtcNow();
        await SeedAsync(app, old, "old");
        app.Clock.Advance(TimeSpan.FromDays(8));
        await SeedAsync(app, app.Clock.GetUtcNow(), "recent");

        var deleted = await app.Services.GetRequiredService<RetentionSweep>().SweepAsync(CancellationToken.None);

        Assert.Equal(5, deleted);
        var left = await app.QueryAsync(async db => (
            Events: await db.ProcessedEvents.Select(row => row.EventKey).OrderBy(key => key).ToListAsync(),
            Inbox: await db.Inbox.Select(row => row.EventKey).OrderBy(key => key).ToListAsync(),
            Outbox: await db.Outbox.Select(row => row.Type).OrderBy(type => type).ToListAsync(),
            Timers: await db.Timers.Select(row => row.Key).OrderBy(key => key).ToListAsync()));
        Assert.Equal(["recent"], left.Events);
        Assert.Equal(["old-dead", "old-pending", "recent-dead", "recent-done", "recent-pending", "recent-unmatched"], left.Inbox);
        Assert.Equal(["old-dead", "recent-dead", "recent-done"], left.Outbox);
        Assert.Equal(["old-pending", "recent-cancelled", "recent-pending"], left.Timers);
    }

    private static Task SeedAsync(LifecycleApp app, DateTimeOffset at, string age) =>
        app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LifecycleDbContext>();
            db.ProcessedEvents.Add(new ProcessedEvent { EventKey = age, ProcessedAt = at });
            foreach (var status in new[] { WorkStatus.Done, WorkStatus.Pending, WorkStatus.DeadLettered })
            {
                var name = $"{age}-{Describe(status)}";
                DateTimeOffset? completed = status == WorkStatus.Pending ? null : at;
                db.Inbox.Add(new InboxEventRow { Source = "sms", EventKey = name, EventType = "test", Payload = "{}", CreatedAt = at, NotBefore = at, Status = status, CompletedAt = completed });
                if (status != WorkStatus.Pending)
                {
                    db.Outbox.Add(new OutboxMessageRow { Type = name, Payload = "{}", CreatedAt = at, NotBefore = at, Status = status, CompletedAt = completed });
                }
            }

            // An unmatched callback is kept for inspection as long as a done one, then goes with it.
            db.Inbox.Add(new InboxEventRow { Source = "sms", EventKey = $"{age}-unmatched", EventType = "test", Payload = "{}", CreatedAt = at, NotBefore = at, Status = WorkStatus.Unmatched, CompletedAt = at });
            db.Timers.Add(new TimerRow { Key = $"{age}-cancelled", Type = "t", Payload = "{}", CreatedAt = at, NotBefore = at, Status = WorkStatus.Cancelled, CompletedAt = at });
            db.Timers.Add(new TimerRow { Key = $"{age}-pending", Type = "t", Payload = "{}", CreatedAt = at, NotBefore = at });
            await db.SaveChangesAsync();
        });

    private static string Describe(WorkStatus status) => status switch
    {
        WorkStatus.Done => "done",
        WorkStatus.Pending => "pending",
        _ => "dead",
    };
}

public sealed class RetentionOnSqlite() : RetentionTests(StoreKind.Sqlite);

public sealed class RetentionOnPostgres() : RetentionTests(StoreKind.Postgres);
