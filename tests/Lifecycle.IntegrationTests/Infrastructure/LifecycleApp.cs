using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>
/// The whole service in-process on a real database, with Exotel pointed at a recording server and time frozen in a
/// <see cref="FakeTimeProvider"/>. Background loops are off unless a test turns them on: tests call the due-work
/// processors themselves. A test of the Quartz loops runs on the real clock, which Quartz also reads.
/// </summary>
public sealed class LifecycleApp(
    TestStore store, string? exotelBaseUrl, IReadOnlyDictionary<string, string?>? overrides = null, bool frozenClock = true)
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// The service in Sandbox mode: Exotel is the in-process sandbox, and the service listens on a real loopback
    /// port so that the sandbox's signed callbacks reach it over HTTP.
    /// </summary>
    public static LifecycleApp WithSandbox(TestStore store, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var port = PostgresServer.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Exotel:Mode"] = "Sandbox",
            ["Exotel:Sandbox:Urls"] = "http://127.0.0.1:0",
            ["Exotel:Sandbox:CallbackDelay"] = "00:00:00.010",
            ["Webhooks:PublicBaseUrl"] = $"http://127.0.0.1:{port}",

            // As in Development: callbacks come unsigned to the token URLs, the way Exotel sends them.
            ["Webhooks:Tokens:Exotel:0"] = SandboxCallbackToken,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new LifecycleApp(store, exotelBaseUrl: null, settings);
        app.UseKestrel(port);
        app.StartServer();
        return app;
    }

    /// <summary>In Sandbox mode: where the sandbox listens (its control API is under <c>/sandbox</c>).</summary>
    public string SandboxUrl => Services.GetRequiredService<Lifecycle.Infrastructure.Exotel.ExotelEndpointResolver>().Endpoints.Api;

    public const string ApiKey = "integration-test-api-key";
    public const string SandboxCallbackToken = "integration-sandbox-callback-token";
    public const string VoiceOtpFlow = "test-voice-otp-flow";
    public const string ExotelSecret = "integration-exotel-secret";
    public const string RotatedExotelSecret = "integration-exotel-secret-next";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 19, 10, 0, 0, TimeSpan.Zero));

    public TestStore Store => store;

    /// <summary>Every log entry the host wrote at the levels its configuration lets through.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Service replacements a test needs, applied after the host's own registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public HttpClient Api()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> QueryAsync<T>(Func<LifecycleDbContext, Task<T>> query) =>
        InScopeAsync(services => query(services.GetRequiredService<LifecycleDbContext>()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = store.Kind.ToString(),
            ["ConnectionStrings:Lifecycle"] = store.ConnectionString,
            ["Api:Keys:0"] = ApiKey,
            ["Webhooks:PublicBaseUrl"] = "http://lifecycle.test",
            ["Webhooks:Secrets:Exotel:0"] = ExotelSecret,
            ["Webhooks:Secrets:Exotel:1"] = RotatedExotelSecret,
            ["Webhooks:Secrets:Cqa:0"] = "integration-cqa-secret",
            ["Exotel:AccountSid"] = "test-account",
            ["Exotel:ApiKey"] = "test-key",
            ["Exotel:ApiToken"] = "test-token",
            ["Exotel:SmsSender"] = "LFCYCL",
            ["Exotel:Dlt:EntityId"] = "1101000000000000001",
            ["Exotel:Mode"] = "Live",
            ["Exotel:Endpoints:Api"] = exotelBaseUrl ?? "https://api.in.exotel.com",
            ["Exotel:Endpoints:Ccm"] = exotelBaseUrl ?? "https://ccm-api.in.exotel.com",
            ["Exotel:Endpoints:Verify"] = exotelBaseUrl ?? "https://exoverify.exotel.com",
            ["Exotel:Endpoints:Cqa"] = exotelBaseUrl ?? "https://cqa.exotel.com",
            ["Exotel:VirtualNumber"] = "+911140000000",
            ["Exotel:WhatsAppFrom"] = "+919100000000",
            ["Exotel:Verify:ApplicationId"] = "test-verify-app",
            ["Exotel:Verify:ApplicationSecret"] = "test-verify-secret",
            ["Exotel:Cqa:AccountId"] = "test-cqa-account",
            ["Exotel:Cqa:ApiKey"] = "test-cqa-key",
            ["Exotel:VoiceOtp:Flow"] = VoiceOtpFlow,
            ["Lifecycle:Privacy:PhoneHashKey"] = "integration-phone-hash-key",
            ["Exotel:Resilience:BaseDelay"] = "00:00:00.010",
            ["Lifecycle:Workers:Enabled"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (frozenClock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        if (TestServices is { } replace)
        {
            builder.ConfigureTestServices(replace);
        }
    }
}
