namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>One service instance per test class and provider, with its own database and recording Exotel.</summary>
public abstract class AppFixture(StoreKind kind) : IAsyncLifetime
{
    public LifecycleApp App { get; private set; } = null!;

    public RecordingExotel Exotel { get; private set; } = null!;

    public StoreKind Kind => kind;

    public async Task InitializeAsync()
    {
        Exotel = await RecordingExotel.StartAsync();
        App = new LifecycleApp(TestStore.Create(kind), Exotel.BaseUrl);
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Exotel.DisposeAsync();
    }
}

public sealed class SqliteApp() : AppFixture(StoreKind.Sqlite);

public sealed class PostgresApp() : AppFixture(StoreKind.Postgres);
