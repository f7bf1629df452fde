using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// GET /api/sessions/{chatSessionId} — what the support voicebot's tool reads within its 3 s budget — over real HTTP:
// the service runs as its own process (Kestrel on loopback, as deployed), on a store seeded with N handed-off chat
// sessions (a user and a chat conversation with the bot's context each), and C clients read random sessions as fast as
// the service answers. Prints requests/s and latency percentiles as the clients see them.
var options = BenchmarkOptions.Parse(args);
var connectionString = options.Provider == "Postgres"
    ? ServiceProcess.CreatePostgresDatabase(options.Postgres!, "sessions_bench")
    : $"Data Source={Path.Combine(Path.GetTempPath(), $"sessions-bench-{Guid.NewGuid():N}.db")}";
var settings = BenchmarkSettings.For(options.Provider, connectionString);

var seeded = Stopwatch.StartNew();
var sessions = await SeedAsync(settings, options.Sessions);
seeded.Stop();

using var service = ServiceProcess.Start(options.Web, settings, ApiKey);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = service.BaseUrl,
};
http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
await service.WaitUntilReadyAsync();

// Warm-up: JIT, EF's query compilation, the connection pool and the clients' connections.
await RunAsync(http, sessions, Math.Min(2_000, options.Requests), options.Concurrency);
var (latencies, failures, elapsed) = await RunAsync(http, sessions, options.Requests, options.Concurrency);

Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p / 100 * latencies.Length) - 1)];
Console.WriteLine(
    $"| {options.Provider} | {options.Sessions:N0} | {options.Concurrency} | {options.Requests:N0} | {options.Requests / elapsed.TotalSeconds:F0} | "
    + $"{Percentile(50):F1} | {Percentile(95):F1} | {Percentile(99):F1} | {latencies[^1]:F1} | {failures} | seeded in {seeded.Elapsed.TotalSeconds:F0} s |");
return failures == 0 ? 0 : 1;

static async Task<(double[] Latencies, int Failures, TimeSpan Elapsed)> RunAsync(HttpClient http, string[] sessions, int requests, int concurrency)
{
    var latencies = new double[requests];
    var failures = 0;
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < requests)
        {
            var session = sessions[Random.Shared.Next(sessions.Length)];
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync($"/api/sessions/{session}");
            await response.Content.LoadIntoBufferAsync();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref failures);
            }
        }
    }));
    return (latencies, failures, clock.Elapsed);
}

// The store is created and migrated by a host of the service's own registrations, then filled in batches.
static async Task<string[]> SeedAsync(IReadOnlyDictionary<string, string?> settings, int count)
{
    using var host = await ServiceStore.StartAsync(settings);

    var now = TimeProvider.System.GetUtcNow();
    var sessions = new string[count];
    const int batch = 2_000;
    for (var offset = 0; offset < count; offset += batch)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = offset; i < Math.Min(count, offset + batch); i++)
        {
            sessions[i] = $"CS_bench_{i:D7}";
            var user = User.Register(UserId.New(), E164Phone.Parse($"+9191{i:D8}"), $"User {i}", "bench", now.AddDays(-3));
            user.TransitionTo(LifecycleStage.Onboarding, "bench", "bench", now.AddDays(-3));
            user.DequeueDomainEvents();
            var chat = Conversation.Start(user.Id, Channel.WhatsApp, "support", sessions[i], now.AddMinutes(-5));
            chat.RecordContext(new ChatContext($"Cannot upgrade plan ({i})", "billing_dispute", ["confirmed_account", "checked_invoice"], 2), now.AddMinutes(-1));
            db.Users.Add(user);
            db.Add(chat);
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }

    await host.StopAsync();
    return sessions;
}

internal sealed record BenchmarkOptions(string Provider, int Sessions, int Requests, int Concurrency, string Web, string? Postgres)
{
    /// <summary>
    /// <c>--provider Sqlite|Postgres --sessions 10000 --requests 50000 --concurrency 100 --web path/to/Lifecycle.Web.dll
    /// --postgres "Host=…;Username=…"</c>.
    /// </summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1], StringComparer.OrdinalIgnoreCase);
        var provider = values.GetValueOrDefault("provider", "Sqlite");
        var postgres = values.GetValueOrDefault("postgres");
        return provider == "Postgres" && postgres is null
            ? throw new ArgumentException("--provider Postgres needs --postgres <connection string to a server>")
            : new BenchmarkOptions(
                provider,
                int.Parse(values.GetValueOrDefault("sessions", "10000")),
                int.Parse(values.GetValueOrDefault("requests", "50000")),
                int.Parse(values.GetValueOrDefault("concurrency", "100")),
                Path.GetFullPath(values.GetValueOrDefault("web", ServiceProcess.DefaultWeb)),
                postgres);
    }
}

internal static partial class Program
{
    private const string ApiKey = "benchmark-only-api-key";
}
