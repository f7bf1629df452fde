using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Infrastructure.Common.Persistence;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>) on every connection opened. Without it,
/// Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms and trying again, so a webhook commit that meets the
/// inbox processor's transaction, or the other way round, waited a whole 150 ms for a lock held a few.
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeoutInterceptor Instance = new();

    // As long as Microsoft.Data.Sqlite's own default command timeout: a lock held longer is a fault, not contention.
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    private SqliteBusyTimeoutInterceptor()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
