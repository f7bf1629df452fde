using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>A claimed batch keeps its rows while it works through them, however long the batch takes as a whole.</summary>
public abstract class OutboxLeaseTests(StoreKind kind) : AppPerTest(kind)
{
    [Fact]
    public async Task A_long_batch_renews_the_lease_of_rows_still_to_be_sent_so_no_other_instance_can_claim_them()
    {
        var lease = await App.InScopeAsync(services => Task.FromResult(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value.Lease));
        var eachSend = lease * 0.45;
        // Three templates: three requests, one after the other, in one claimed batch that outlasts the lease.
        foreach (var template in new[] { "1107000000000000101", "1107000000000000102", "1107000000000000103" })
        {
            await Arrange.QueuedSmsAsync(App, template: template);
        }

        var rival = ActivatorUtilities.CreateInstance<OutboxDispatcher>(App.Services);
        var sends = 0;
        int? claimedByRival = null;
        Exotel.Reply = request =>
        {
            if (Interlocked.Increment(ref sends) <= 3)
            {
                App.Clock.Advance(eachSend);
            }

            if (sends == 3)
            {
                claimedByRival = rival.ProcessBatchAsync(CancellationToken.None).GetAwaiter().GetResult();
            }

            return null;
        };

        var handled = await App.Services.GetRequiredService<OutboxDispatcher>().ProcessBatchAsync(CancellationToken.None);

        Assert.Equal(3, handled);
        Assert.Equal(0, claimedByRival);
        Assert.Equal(3, Exotel.Requests.Count);
        Assert.Equal(3, await App.QueryAsync(db => db.Outbox.CountAsync(row => row.Status == WorkStatus.Done)));
    }
}

public sealed class OutboxLeaseOnSqlite() : OutboxLeaseTests(StoreKind.Sqlite);

public sealed class OutboxLeaseOnPostgres() : OutboxLeaseTests(StoreKind.Postgres);
