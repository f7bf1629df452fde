using System.Diagnostics;
using Lifecycle.Application;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure;
using Lifecycle.Infrastructure.Campaigns;
using Lifecycle.Infrastructure.Chatbot;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.Infrastructure.Sms;
using Lifecycle.Infrastructure.WhatsApp;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The daily inactivity scan (RunInactivityScan) on a seeded store: N users, of whom 10 % are ONBOARDING and inactive
// for 10 days (→ activation nudge) and 10 % ENGAGED and inactive for 20 days (→ AT_RISK, WhatsApp outreach, win-back
// timer); the rest are recently active ONBOARDING, ENGAGED (some with activity after an old stage change) and ACTIVATED
// users the scan must leave alone. Times the first scan (one query per flow, one bulk write of the hand-off timers), a
// second one before the hand-offs are applied (finds nothing new), the timer poller applying them user by user (the
// transitions, outreach messages, enrolment and call timers), and a scan after that (finds nothing new either).
var options = BenchmarkOptions.Parse(args);
foreach (var users in options.Users)
{
    var connectionString = options.Provider == "Postgres"
        ? CreatePostgresDatabase(options.Postgres!)
        : $"Data Source={Path.Combine(Path.GetTempPath(), $"scan-bench-{Guid.NewGuid():N}.db")}";
    using var host = BuildHost(options.Provider, connectionString);
    await host.StartAsync();

    // Warm-up on a few users of their own, so that the figure leaves out JIT and EF's first-query compilation.
    await SeedAsync(host.Services, 0, 100);
    await TimeScanAsync(host.Services);
    await host.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
    var seeded = Stopwatch.StartNew();
    await SeedAsync(host.Services, 100, users);
    seeded.Stop();

    var first = await TimeScanAsync(host.Services);
    var second = await TimeScanAsync(host.Services);
    var applied = Stopwatch.StartNew();
    var timers = options.Apply ? await host.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None) : 0;
    applied.Stop();
    var third = await TimeScanAsync(host.Services);
    Console.WriteLine(
        $"| {options.Provider} | {users:N0} | {first.Result.Nudged:N0} | {first.Result.MarkedAtRisk:N0} | {first.Elapsed.TotalSeconds:F2} | "
        + $"{second.Elapsed.TotalSeconds:F2} ({second.Result.Nudged + second.Result.MarkedAtRisk} new) | {timers:N0} in {applied.Elapsed.TotalSeconds:F1} "
        + $"| {third.Elapsed.TotalSeconds:F2} ({third.Result.Nudged + third.Result.MarkedAtRisk} new) | seeded in {seeded.Elapsed.TotalSeconds:F0} s |");
    await host.StopAsync();
}

static IHost BuildHost(string provider, string connectionString)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
    builder.Configuration.AddInMemoryCollection(BenchmarkSettings.For(provider, connectionString));
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddApplication();
    builder.Services.AddInfrastructure(builder.Configuration);

    // The modules the scan's reactions reach: the ladder's channels and the campaign enrolment contracts.
    builder.Services.AddSmsModule();
    builder.Services.AddWhatsAppModule();
    builder.Services.AddCampaignsModule();
    builder.Services.AddChatbotModule();
    return builder.Build();
}

static async Task SeedAsync(IServiceProvider services, int first, int count)
{
    var now = TimeProvider.System.GetUtcNow();
    const int batch = 5000;
    for (var offset = first; offset < first + count; offset += batch)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = offset; i < Math.Min(first + count, offset + batch); i++)
        {
            db.Users.Add(SeededUser(i, now));
        }

        await db.SaveChangesAsync();
    }
}

// One user in ten of each kind: 1 inactive ONBOARDING, 1 inactive ENGAGED, 2 active ONBOARDING, 3 active ENGAGED (one of
// them with an old stage change and recent activity), 3 ACTIVATED.
static User SeededUser(int i, DateTimeOffset now)
{
    var (stage, stageAgo, activityAgo) = (i % 10) switch
    {
        0 => (LifecycleStage.Onboarding, 10, (int?)null),
        1 => (LifecycleStage.Engaged, 20, 20),
        2 or 3 => (LifecycleStage.Onboarding, 2, null),
        4 => (LifecycleStage.Engaged, 30, 2),
        5 or 6 => (LifecycleStage.Engaged, 5, 1),
        _ => (LifecycleStage.Activated, 3, 1),
    };
    var at = now.AddDays(-stageAgo);
    var user = User.Register(UserId.New(), E164Phone.Parse($"+9190{i:D8}"), $"User {i}", "bench", at.AddDays(-1));
    foreach (var step in StagesTo(stage))
    {
        user.TransitionTo(step, "bench", "bench", at);
    }

    if (activityAgo is { } days)
    {
        user.ApplyProductEvent(ProductEvent.Login, now.AddDays(-days), TimeSpan.FromDays(1), "bench", at);
    }

    user.DequeueDomainEvents();
    return user;
}

static LifecycleStage[] StagesTo(LifecycleStage stage) => stage switch
{
    LifecycleStage.Onboarding => [LifecycleStage.Onboarding],
    LifecycleStage.Activated => [LifecycleStage.Onboarding, LifecycleStage.Activated],
    _ => [LifecycleStage.Onboarding, LifecycleStage.Activated, LifecycleStage.Engaged],
};

static async Task<(InactivityScanResult Result, TimeSpan Elapsed)> TimeScanAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    var clock = Stopwatch.StartNew();
    var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunInactivityScan());
    return (result, clock.Elapsed);
}

static string CreatePostgresDatabase(string server)
{
    var name = $"scan_bench_{Guid.NewGuid():N}";
    using var connection = new Npgsql.NpgsqlConnection(server);
    connection.Open();
    using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
    command.ExecuteNonQuery();
    return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
}

internal sealed record BenchmarkOptions(string Provider, IReadOnlyList<int> Users, string? Postgres, bool Apply)
{
    /// <summary><c>--provider Sqlite|Postgres --users 10000,100000 --postgres "Host=…;Username=…" --apply true|false</c>.</summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1], StringComparer.OrdinalIgnoreCase);
        var provider = values.GetValueOrDefault("provider", "Sqlite");
        var users = values.GetValueOrDefault("users", "10000,100000").Split(',').Select(int.Parse).ToList();
        var postgres = values.GetValueOrDefault("postgres");
        return provider == "Postgres" && postgres is null
            ? throw new ArgumentException("--provider Postgres needs --postgres <connection string to a server>")
            : new BenchmarkOptions(provider, users, postgres, bool.Parse(values.GetValueOrDefault("apply", "true")));
    }
}
