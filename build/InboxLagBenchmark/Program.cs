using System.Diagnostics;
using System.Globalization;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Sms;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Inbox processing lag: the service runs as its own process with its background loops on, on a store seeded with N
// sent SMS (each with its SmsSid, written through the service's own schema), and signed SMS status callbacks — one per
// seeded message — are posted at a fixed rate. Afterwards the benchmark waits for the inbox to drain and reads, per
// callback, the time from its acceptance (inbox created_at) to its application (completed_at). A warm-up at the same
// rate, drained before the measured run, is left out.
var options = LagOptions.Parse(args);
var results = new List<LagResult>();
foreach (var (label, provider, connectionString) in Stores(options))
{
    var settings = BenchmarkSettings.For(provider, connectionString);
    using var store = await ServiceStore.StartAsync(settings);
    var warmUp = await SeedAsync(store, "w", 0, (int)(options.Rate * options.Warmup.TotalSeconds));
    var measured = await SeedAsync(store, "m", warmUp.Length, (int)(options.Rate * options.Duration.TotalSeconds));

    settings["Lifecycle:Workers:Enabled"] = "true";
    using var service = ServiceProcess.Start(options.Web, settings, "benchmark-only-api-key");
    await service.WaitUntilReadyAsync();
    await Callbacks.SendAsync(service.BaseUrl, warmUp, options);
    await WaitForDrainAsync(store, options.DrainTimeout);
    var sent = await Callbacks.SendAsync(service.BaseUrl, measured, options);
    var drained = await WaitForDrainAsync(store, options.DrainTimeout);
    results.Add(await MeasureAsync(store, label, measured, sent, drained));
}

Console.WriteLine($"{options.Rate:F0} callbacks/s for {options.Duration.TotalSeconds:F0} s after a {options.Warmup.TotalSeconds:F0} s warm-up");
Console.WriteLine("| store | callbacks | sent / s | accepted | drained | drain after last accept s | lag p50 ms | lag p99 ms | lag max ms | not done |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var result in results)
{
    Console.WriteLine(
        $"| {result.Label} | {result.Callbacks:N0} | {result.SentPerSecond:F0} | {result.Accepted:N0} | {(result.Drained ? "yes" : "no")} | "
        + $"{result.DrainAfterLastAccept.TotalSeconds:F2} | {result.P50:F0} | {result.P99:F0} | {result.Max:F0} | {result.NotDone} |");
}

return results.All(result => result.Drained && result.Accepted == result.Callbacks) ? 0 : 1;

static IEnumerable<(string Label, string Provider, string ConnectionString)> Stores(LagOptions options)
{
    if (options.Only is null or "sqlite")
    {
        yield return ("SQLite", "Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), $"inbox-lag-bench-{Guid.NewGuid():N}.db")}");
    }

    if (options.Postgres is { } server && options.Only is null or "postgres")
    {
        yield return ("PostgreSQL", "Postgres", ServiceProcess.CreatePostgresDatabase(server, "inbox_lag_bench"));
    }
}

// One user and one submitted SMS per callback to come, each with the terminal-status timer its send schedules (which
// the callback cancels), in batches; answers each message's SmsSid and phone.
static async Task<SentSms[]> SeedAsync(IHost store, string prefix, int offset, int count)
{
    var now = TimeProvider.System.GetUtcNow();
    var run = Guid.NewGuid().ToString("N")[..8];
    var sent = new SentSms[count];
    const int batch = 2_000;
    for (var start = 0; start < count; start += batch)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var timers = scope.ServiceProvider.GetRequiredService<ITimers>();
        var timeout = scope.ServiceProvider.GetRequiredService<IOptions<SmsOptions>>().Value.TerminalStatusTimeout;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = start; i < Math.Min(count, start + batch); i++)
        {
            var phone = E164Phone.Parse($"+9192{offset + i:D8}");
            var user = User.Register(UserId.New(), phone, $"User {offset + i}", "bench", now);
            user.TransitionTo(LifecycleStage.Onboarding, "bench", "bench", now);
            user.DequeueDomainEvents();
            var message = OutboundMessage.Queue(user.Id, Channel.Sms, "order_confirmed", "Your order is confirmed.", now);
            sent[i] = new SentSms($"SM{run}{prefix}{i:D8}", phone.Value);
            message.MarkSubmitted(sent[i].Sid, now);
            timers.Schedule(SmsTerminalStatusTimeout.Key(message.Id), now + timeout, new SmsTerminalStatusTimeout(message.Id));
            db.Users.Add(user);
            db.OutboundMessages.Add(message);
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }

    return sent;
}

// Polls the number of pending inbox rows, once a second so as to cost the service little, until none is left or the
// timeout passes; answers whether it drained (the drain time itself is read from the rows).
static async Task<bool> WaitForDrainAsync(IHost store, TimeSpan timeout)
{
    var waited = Stopwatch.StartNew();
    while (true)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var pending = await scope.ServiceProvider.GetRequiredService<LifecycleDbContext>().Inbox.CountAsync(row => row.Status == WorkStatus.Pending);
        if (pending == 0 || waited.Elapsed > timeout)
        {
            return pending == 0;
        }

        await Task.Delay(1_000);
    }
}

static async Task<LagResult> MeasureAsync(IHost store, string label, SentSms[] measured, SendResult sent, bool drained)
{
    await using var scope = store.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
    var prefix = measured[0].Sid[..11];
    var rows = await db.Inbox.AsNoTracking()
        .Where(row => row.EventKey.StartsWith(prefix))
        .Select(row => new { row.Status, row.CreatedAt, row.CompletedAt })
        .ToListAsync();
    var done = rows.Where(row => row.Status == WorkStatus.Done).ToList();
    var lags = done.Select(row => (row.CompletedAt!.Value - row.CreatedAt).TotalMilliseconds).Order().ToArray();
    double Percentile(double p) => lags.Length == 0 ? double.NaN : lags[Math.Min(lags.Length - 1, (int)Math.Ceiling(p / 100 * lags.Length) - 1)];
    var notDone = string.Join(", ", rows.Where(row => row.Status != WorkStatus.Done).GroupBy(row => row.Status).Select(group => $"{group.Count()} {group.Key}"));
    var drainAfterLastAccept = done.Count == 0 ? TimeSpan.Zero : done.Max(row => row.CompletedAt!.Value) - rows.Max(row => row.CreatedAt);
    return new LagResult(
        label, measured.Length, measured.Length / sent.Sending.TotalSeconds, sent.Accepted, drained, drainAfterLastAccept,
        Percentile(50), Percentile(99), lags.LastOrDefault(), notDone.Length == 0 ? "0" : notDone);
}

internal sealed record SentSms(string Sid, string Phone);

internal sealed record SendResult(int Accepted, TimeSpan Sending);

internal sealed record LagResult(
    string Label, int Callbacks, double SentPerSecond, int Accepted, bool Drained, TimeSpan DrainAfterLastAccept,
    double P50, double P99, double Max, string NotDone);

/// <summary>
/// Signed JSON SMS status callbacks, the shape Exotel posts, paced at a fixed rate over kept-alive connections. The
/// schedule: callback i leaves at i / rate after the start, on a free one of the kept-alive connections, written on
/// a raw socket as the ingest benchmark does — the load generator shares the two cores with what it measures.
/// </summary>
internal static class Callbacks
{
    public static async Task<SendResult> SendAsync(Uri target, SentSms[] messages, LagOptions options)
    {
        var free = System.Threading.Channels.Channel.CreateUnbounded<(RawHttpConnection Connection, SignedCallback Request)>();
        var senders = new List<RawHttpConnection>();
        for (var i = 0; i < options.Connections; i++)
        {
            senders.Add(await RawHttpConnection.OpenAsync(target));
            free.Writer.TryWrite((senders[^1], new SignedCallback(target)));
        }

        var answers = new List<Task<bool>>(messages.Length);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages.Length; i++)
        {
            // A late callback does not delay the schedule: each leaves at its own time.
            var due = TimeSpan.FromSeconds(i / options.Rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            answers.Add(PostAsync(await free.Reader.ReadAsync(), messages[i], free.Writer));
        }

        var sending = clock.Elapsed;
        var accepted = (await Task.WhenAll(answers)).Count(ok => ok);
        senders.ForEach(sender => sender.Dispose());
        return new SendResult(accepted, sending);
    }

    private static async Task<bool> PostAsync(
        (RawHttpConnection Connection, SignedCallback Request) sender, SentSms message, System.Threading.Channels.ChannelWriter<(RawHttpConnection, SignedCallback)> free)
    {
        try
        {
            return await sender.Connection.SendAsync(sender.Request.For(message.Sid, message.Phone)) == 200;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            free.TryWrite(sender);
        }
    }
}

internal sealed record LagOptions(
    double Rate, TimeSpan Duration, TimeSpan Warmup, int Connections, TimeSpan DrainTimeout, string Web, string? Postgres, string? Only)
{
    /// <summary>
    /// <c>--rate 1000 --duration 60 --warmup 5 --connections 64 --drain-timeout 120 --web path/to/Lifecycle.Web.dll
    /// --postgres "Host=…;Username=…" --only sqlite|postgres</c>.
    /// </summary>
    public static LagOptions Parse(string[] args)
    {
        var values = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1], StringComparer.OrdinalIgnoreCase);
        double Number(string name, string fallback) => double.Parse(values.GetValueOrDefault(name, fallback), CultureInfo.InvariantCulture);
        return new LagOptions(
            Number("rate", "1000"),
            TimeSpan.FromSeconds(Number("duration", "60")),
            TimeSpan.FromSeconds(Number("warmup", "5")),
            (int)Number("connections", "64"),
            TimeSpan.FromSeconds(Number("drain-timeout", "120")),
            Path.GetFullPath(values.GetValueOrDefault("web", ServiceProcess.DefaultWeb)),
            values.GetValueOrDefault("postgres"),
            values.GetValueOrDefault("only")?.ToLowerInvariant());
    }
}
