namespace Lifecycle.IntegrationTests.Infrastructure;

public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh database of one provider: a temporary SQLite file or a new PostgreSQL database.</summary>
public sealed record TestStore(StoreKind Kind, string ConnectionString)
{
    public static TestStore Create(StoreKind kind) => kind switch
    {
        StoreKind.Sqlite => new(kind, $"Data Source={Path.Combine(Path.GetTempPath(), $"lifecycle-test-{Guid.NewGuid():N}.db")}"),
        _ => new(kind, PostgresServer.CreateDatabase()),
    };
}
