namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>One service instance per test class and provider, with its own database and recording Exotel.</summary>
public abstract class AppFixture(StoreKind kind) : IAsyncLifetime
{
    public LifecycleApp App { get; private set; } = null!;

    public RecordingExotel Exotel { get; private set; } = null!;

    public StoreKind Kind => kind;

    /// <summary>Configuration this fixture's service runs with on top of <see cref="LifecycleApp"/>'s.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Overrides => null;

    public async Task InitializeAsync()
    {
        Exotel = await RecordingExotel.StartAsync();
        App = new LifecycleApp(TestStore.Create(kind), Exotel.BaseUrl, Overrides);
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

/// <summary>A service that hands Exotel token URLs (<c>Webhooks:Tokens:Exotel</c>), as a real deployment does.</summary>
public abstract class TokenAppFixture(StoreKind kind) : AppFixture(kind)
{
    public const string Token = "integration-callback-token-1";
    public const string RotatedToken = "integration-callback-token-2";

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Webhooks:Tokens:Exotel:0"] = Token,
        ["Webhooks:Tokens:Exotel:1"] = RotatedToken,
    };
}

public sealed class SqliteTokenApp() : TokenAppFixture(StoreKind.Sqlite);

public sealed class PostgresTokenApp() : TokenAppFixture(StoreKind.Postgres);
