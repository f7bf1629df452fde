using System.Diagnostics;
using System.Text;

// Webhook ingest, side by side in one run: a bare ASP.NET Core endpoint answering 200 (the ceiling of this machine),
// then the service on SQLite and on PostgreSQL, each in a process of its own with the background loops off. Senders
// post signed JSON SMS status callbacks, each with a new SmsSid, over kept-alive connections for a fixed time after a
// warm-up, and count what was accepted. The ratio to the bare endpoint is the figure that survives a noisy machine.
if (args is ["--serve-bare", var barePort])
{
    return await BareEndpoint.ServeAsync(int.Parse(barePort));
}

if (args is ["--pipeline", var sends])
{
    return await PipelineCost.RunAsync(int.Parse(sends));
}

var options = IngestOptions.Parse(args);
var results = new List<IngestResult>();

if (options.Runs("bare"))
{
    using var bare = BareEndpoint.Start();
    results.Add(await Load.RunAsync("bare endpoint (200)", bare.BaseUrl, bare.ProcessId, options));
}

foreach (var (label, provider, connectionString) in Stores(options).Where(store => options.Runs(store.Provider)))
{
    using var service = ServiceProcess.Start(options.Web, BenchmarkSettings.For(provider, connectionString), "benchmark-only-api-key");
    await service.WaitUntilReadyAsync();
    results.Add(await Load.RunAsync(label, service.BaseUrl, service.ProcessId, options));
}

Console.WriteLine($"{options.Concurrency} connections, {options.Warmup.TotalSeconds:F0} s warm-up, {options.Duration.TotalSeconds:F0} s measured");
Console.WriteLine("| target | accepted / s | × bare | p50 ms | p99 ms | max ms | failures | CPU µs / accepted | peak RSS MB |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var result in results)
{
    Console.WriteLine(
        $"| {result.Label} | {result.PerSecond:F0} | {(options.Runs("bare") ? $"{result.PerSecond / results[0].PerSecond:F2}" : "–")} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} | {result.Failures} | {result.CpuMicroseconds:F0} | {result.PeakRss:F0} |");
}

return results.Sum(result => result.Failures) == 0 ? 0 : 1;

static IEnumerable<(string Label, string Provider, string ConnectionString)> Stores(IngestOptions options)
{
    yield return ("service, SQLite", "Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), $"ingest-bench-{Guid.NewGuid():N}.db")}");
    if (options.Postgres is { } server)
    {
        yield return ("service, PostgreSQL", "Postgres", ServiceProcess.CreatePostgresDatabase(server, "ingest_bench"));
    }
}

/// <summary>What one target did in the measured time; its CPU is the target process's own (user and system), per accepted callback.</summary>
internal sealed record IngestResult(string Label, double PerSecond, double P50, double P99, double Max, int Failures, double CpuMicroseconds, double PeakRss);

/// <summary>The load: <c>Concurrency</c> senders posting back to back; only the answers after the warm-up are counted.</summary>
internal static class Load
{
    public static async Task<IngestResult> RunAsync(string label, Uri target, int processId, IngestOptions options)
    {
        using var process = Process.GetProcessById(processId);
        var run = Guid.NewGuid().ToString("N")[..8];
        var sequence = -1L;
        var measuredFrom = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measuredUntil = measuredFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var cpuAtStart = Task.Delay(options.Warmup).ContinueWith(_ => ProcessorTime(process), TaskScheduler.Default);
        var perSender = await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            var latencies = new List<double>(16_384);
            var failures = 0;
            var connection = await RawHttpConnection.OpenAsync(target);
            var request = new SignedCallback(target);
            while (Stopwatch.GetTimestamp() is var started && started < measuredUntil)
            {
                var message = request.For($"SM{run}{Interlocked.Increment(ref sequence):D10}");
                bool accepted;
                try
                {
                    accepted = await connection.SendAsync(message) == 200;
                }
                catch (IOException)
                {
                    accepted = false;
                    connection.Dispose();
                    connection = await RawHttpConnection.OpenAsync(target);
                }

                if (started < measuredFrom)
                {
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                failures += accepted ? 0 : 1;
            }

            connection.Dispose();
            return (latencies, failures);
        }));

        var cpu = ProcessorTime(process) - await cpuAtStart;
        var all = perSender.SelectMany(sender => sender.latencies).Order().ToArray();
        var failed = perSender.Sum(sender => sender.failures);
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p / 100 * all.Length) - 1)];
        var accepted = all.Length - failed;
        return new IngestResult(
            label, accepted / options.Duration.TotalSeconds, Percentile(50), Percentile(99), all.LastOrDefault(), failed,
            cpu.TotalMicroseconds / Math.Max(1, accepted), ServiceProcess.PeakRss(processId));
    }

    private static TimeSpan ProcessorTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}

/// <summary>The ceiling: a minimal endpoint that reads the body and answers as the service does, in its own process.</summary>
internal sealed class BareEndpoint : IDisposable
{
    private readonly Process process;

    private BareEndpoint(Process process, int port)
    {
        this.process = process;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUrl { get; }

    public int ProcessId => process.Id;

    public static BareEndpoint Start()
    {
        var port = ServiceProcess.FreePort();
        var process = Process.Start(new ProcessStartInfo("dotnet", [typeof(BareEndpoint).Assembly.Location, "--serve-bare", port.ToString()]))!;
        var endpoint = new BareEndpoint(process, port);
        using var http = new HttpClient { BaseAddress = endpoint.BaseUrl };
        for (var waited = Stopwatch.StartNew(); ; Thread.Sleep(100))
        {
            try
            {
                if (http.GetAsync("/").Result.IsSuccessStatusCode)
                {
                    return endpoint;
                }
            }
            catch (AggregateException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Not listening yet.
            }
        }
    }

    public static async Task<int> ServeAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/", () => Results.Ok());
        app.MapPost("/webhooks/exotel/sms", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Text("""{"status":"accepted"}""", "application/json");
        });
        await app.RunAsync();
        return 0;
    }

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}

internal sealed record IngestOptions(int Concurrency, TimeSpan Warmup, TimeSpan Duration, string Web, string? Postgres, string? Only)
{
    /// <summary>
    /// <c>--concurrency 64 --warmup 5 --duration 15 --web path/to/Lifecycle.Web.dll --postgres "Host=…;Username=…"</c>;
    /// <c>--only bare|sqlite|postgres</c> runs one target (to profile it), with no ratio.
    /// </summary>
    public static IngestOptions Parse(string[] args)
    {
        var values = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1], StringComparer.OrdinalIgnoreCase);
        return new IngestOptions(
            int.Parse(values.GetValueOrDefault("concurrency", "64")),
            TimeSpan.FromSeconds(double.Parse(values.GetValueOrDefault("warmup", "5"), System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(values.GetValueOrDefault("duration", "15"), System.Globalization.CultureInfo.InvariantCulture)),
            Path.GetFullPath(values.GetValueOrDefault("web", ServiceProcess.DefaultWeb)),
            values.GetValueOrDefault("postgres"),
            values.GetValueOrDefault("only"));
    }

    public bool Runs(string target) => Only is null || Only.Equals(target, StringComparison.OrdinalIgnoreCase);
}
