using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// Every connection the service opens on SQLite lets SQLite wait for the write lock itself, so a webhook commit that
/// meets the inbox processor's transaction resumes when the lock is free, not after Microsoft.Data.Sqlite's 150 ms sleep.
/// </summary>
public sealed class SqliteConnectionTests() : AppPerTest(StoreKind.Sqlite)
{
    [Fact]
    public async Task Each_connection_waits_for_the_write_lock_in_sqlite_itself()
    {
        var timeouts = await App.QueryAsync(async db =>
        {
            var first = await db.Database.SqlQueryRaw<int>("PRAGMA busy_timeout").ToListAsync();
            await db.Database.CloseConnectionAsync();
            var reopened = await db.Database.SqlQueryRaw<int>("PRAGMA busy_timeout").ToListAsync();
            return first.Concat(reopened).ToList();
        });

        Assert.Equal([30_000, 30_000], timeouts);
    }
}
