using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>A claimed batch keeps its rows while it works through them, however long the batch takes as a whole.</summary>
public abstract class OutboxLeaseTests(StoreKind kind) : IAsyncLifetime
{
    private RecordingExotel exotel = null!;
    private LifecycleApp app = null!;

    public async Task InitializeAsync()
    {
        exotel = await RecordingExotel.StartAsync();
        app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await exotel.DisposeAsync();
    }

    [Fact]
    public async Task A_long_batch_renews_the_lease_of_rows_still_to_be_sent_so_no_other_instance_can_claim_them()
    {
        var lease = await app.InScopeAsync(services => Task.FromResult(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value.Lease));
        var eachSend = lease * 0.45;
        // Three templates: three requests, one after the other, in one claimed batch that outlasts the lease.
        foreach (var template in new[] { "1107000000000000101", "1107000000000000102", "1107000000000000103" })
        {
            await Arrange.QueuedSmsAsync(app, template: template);
        }

        var rival = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);
        var sends = 0;
        int? claimedByRival = null;
        exotel.Reply = request =>
        {
            if (Interlocked.Increment(ref sends) <= 3)
            {
                app.Clock.Advance(eachSend);
            }

            if (sends == 3)
            {
                claimedByRival = rival.ProcessBatchAsync(CancellationToken.None).GetAwaiter().GetResult();
            }

            return null;
        };

        var handled = await app.Services.GetRequiredService<OutboxDispatcher>().ProcessBatchAsync(CancellationToken.None);

        Assert.Equal(3, handled);
        Assert.Equal(0, claimedByRival);
        Assert.Equal(3, exotel.Requests.Count);
        Assert.Equal(3, await app.QueryAsync(db => db.Outbox.CountAsync(row => row.Status == WorkStatus.Done)));
    }
}

public sealed class OutboxLeaseOnSqlite() : OutboxLeaseTests(StoreKind.Sqlite);

public sealed class OutboxLeaseOnPostgres() : OutboxLeaseTests(StoreKind.Postgres);
