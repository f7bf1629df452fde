namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>
/// A service of its own, with its own database and recording Exotel, for each test: for tests that count every
/// request Exotel receives or every row of a table, which a shared instance would mix up.
/// </summary>
public abstract class AppPerTest(StoreKind kind, IReadOnlyDictionary<string, string?>? overrides = null) : IAsyncLifetime
{
    protected RecordingExotel Exotel { get; private set; } = null!;

    protected LifecycleApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Exotel = await RecordingExotel.StartAsync();
        App = new LifecycleApp(TestStore.Create(kind), Exotel.BaseUrl, overrides);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Exotel.DisposeAsync();
    }
}
