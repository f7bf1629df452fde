using System.Data.Common;
using Npgsql;

namespace Lifecycle.Infrastructure.Common.Persistence;

/// <summary>
/// Npgsql prepares no statement unless told to, so PostgreSQL parses and plans each one anew. The service runs a few
/// statements over and over (an inbox event is the same four every time): they are prepared once per connection, which
/// measurably raises how many events a server applies per second (docs/benchmarks.md). A connection string that sets
/// <c>Max Auto Prepare</c> itself — <c>0</c> behind a pooler that cannot keep prepared statements — is left as it is.
/// </summary>
internal static class PostgresConnectionString
{
    public const int MaxAutoPrepare = 64;

    public static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!SetsMaxAutoPrepare(connectionString))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder.ConnectionString;
    }

    /// <summary>Npgsql's own builder answers every keyword it knows as present: the string as written is read instead.</summary>
    private static bool SetsMaxAutoPrepare(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare), StringComparison.OrdinalIgnoreCase));
}
