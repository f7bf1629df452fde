using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// What an operator reads in the log (operations.md "Logs"): an unexpected failure once, with its stack and trace
/// id; expected refusals quiet; no framework line per request. Logging does not depend on the store: SQLite only.
/// </summary>
public sealed class LoggingTests : IAsyncLifetime
{
    private const string RawPhone = "+919876543210";
    private const string MaskedPhone = "+91******3210";

    private RecordingExotel exotel = null!;

    public async Task InitializeAsync() => exotel = await RecordingExotel.StartAsync();

    public async Task DisposeAsync() => await exotel.DisposeAsync();

    [Fact]
    public async Task An_unexpected_exception_in_a_handler_is_one_error_entry_with_its_stack_and_the_trace_id_of_the_500()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl)
        {
            TestServices = services => services.AddScoped<ITimelineReader, BrokenTimelineReader>(),
        };
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        app.Logs.Clear();

        var response = await app.Api().GetAsync($"/api/users/{user.Id}/timeline");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var traceId = problem.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrWhiteSpace(traceId));
        Assert.Contains(traceId, problem.GetProperty("detail").GetString());
        var error = Assert.Single(app.Logs.Alarming);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains(traceId, error.Message);
        Assert.Contains("GET /api/users/{id:guid}/timeline", error.Message);
        Assert.NotNull(error.Exception);
        Assert.Contains(nameof(InvalidOperationException), error.Exception.ToString());
        Assert.Contains($"{nameof(BrokenTimelineReader)}.{nameof(BrokenTimelineReader.ReadAsync)}", error.Exception.ToString());
        Assert.Contains(MaskedPhone, error.Text);
        Assert.DoesNotContain(RawPhone, error.Text);
    }

    [Fact]
    public async Task Refusals_the_api_expects_write_nothing_at_warning_or_error()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl);
        var acquired = await Arrange.UserInStageAsync(app, LifecycleStage.Acquired);
        app.Logs.Clear();
        var api = app.Api();

        var invalid = await api.PostAsJsonAsync($"/api/users/{acquired.Id}/events", new { type = "dance" });
        var missing = await api.GetAsync($"/api/users/{Guid.NewGuid()}");
        var missingForBrowser = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/users/{Guid.NewGuid()}")
        {
            Headers = { { "Accept", "text/html" } },
        });
        var refused = await api.PostAsJsonAsync($"/api/users/{acquired.Id}/events", new { type = "key_action" });
        var unsigned = await Webhook.PostAsync(app, "/webhooks/exotel/sms", Webhook.Form(("SmsSid", "SM1")), signature: "sha256=00");
        var unreadable = await Webhook.PostAsync(app, "/webhooks/exotel/sms", "{not json", "application/json");

        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest],
            [invalid.StatusCode, missing.StatusCode, missingForBrowser.StatusCode, refused.StatusCode, unsigned.StatusCode, unreadable.StatusCode]);
        Assert.Empty(app.Logs.Alarming);
    }

    [Fact]
    public async Task A_callback_for_a_record_not_there_yet_is_retried_without_a_warning()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl);
        var accepted = await Webhook.PostAsync(app, "/webhooks/exotel/sms", Webhook.Form(("SmsSid", $"SM{Guid.NewGuid():N}"), ("Status", "sent")));
        app.Logs.Clear();

        await app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var row = Assert.Single(await app.QueryAsync(db => db.Inbox.AsNoTracking().ToListAsync()));
        Assert.Equal((WorkStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.Empty(app.Logs.Alarming);
    }

    [Fact]
    public async Task A_callback_for_a_record_we_never_had_is_one_information_entry_when_it_is_given_up_and_no_warning()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl);
        var sid = $"SM{Guid.NewGuid():N}";
        await Webhook.PostAsync(app, "/webhooks/exotel/sms", Webhook.Form(("SmsSid", sid), ("Status", "sent")));
        app.Logs.Clear();

        for (var round = 0; round < 25; round++)
        {
            await app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
            app.Clock.Advance(TimeSpan.FromHours(2));
        }

        var inbox = app.Logs.Entries.Where(entry => entry.Category == typeof(InboxProcessor).FullName && entry.Level >= LogLevel.Information).ToList();
        var entry = Assert.Single(inbox);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("unmatched", entry.Message);
        Assert.Contains(sid, entry.Message);
        Assert.Empty(app.Logs.Alarming);
    }

    [Fact]
    public async Task A_failing_outbox_row_is_a_warning_with_its_exception_per_retry_and_one_error_when_dead_lettered()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl, new Dictionary<string, string?>
        {
            ["Lifecycle:Outbox:MaxAttempts"] = "3",
            ["Exotel:Resilience:MaxRetries"] = "0",
        });
        var message = (await Arrange.QueuedSmsAsync(app)).Single();
        var phone = await app.QueryAsync(async db =>
            (await db.Users.AsNoTracking().SingleAsync(u => u.Id == message.UserId)).Phone!.Value);
        exotel.Reply = _ => new CannedReply(
            HttpStatusCode.InternalServerError, $$$"""{"RestException":{"Status":500,"Message":"No route to {{{phone}}}"}}""");
        app.Logs.Clear();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
            app.Clock.Advance(TimeSpan.FromDays(1));
        }

        var outbox = app.Logs.Alarming.Where(entry => entry.Category == typeof(OutboxDispatcher).FullName).ToList();
        Assert.Equal([LogLevel.Warning, LogLevel.Warning, LogLevel.Error], outbox.Select(entry => entry.Level));
        Assert.All(outbox, entry => Assert.Contains("ExotelTransientException", entry.Exception?.ToString()));
        Assert.Contains("dead-lettered", outbox[^1].Message);
        Assert.Equal(outbox, app.Logs.Alarming);
        Assert.All(app.Logs.Entries, entry => Assert.DoesNotContain(phone, entry.Text));
    }

    [Fact]
    public async Task A_request_and_an_exotel_call_that_succeed_write_no_line_at_the_configured_levels()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl);
        var message = (await Arrange.QueuedSmsAsync(app)).Single();
        app.Logs.Clear();

        await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
        var user = await app.Api().GetAsync($"/api/users/{message.UserId}");

        Assert.Single(exotel.Requests);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal([], app.Logs.Entries.Select(entry => $"{entry.Category}: {entry.Message}"));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void The_shipped_settings_keep_per_request_framework_lines_below_the_default_level(string environment)
    {
        var web = Path.Combine(SolutionDirectory(), "src", "Lifecycle.Web");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(web, "appsettings.json"))
            .AddJsonFile(Path.Combine(web, $"appsettings.{environment}.json"), optional: true)
            .Build();
        using var provider = new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new CapturedLogs()))
            .BuildServiceProvider();
        var loggers = provider.GetRequiredService<ILoggerFactory>();

        foreach (var category in new[]
        {
            "System.Net.Http.HttpClient.exotel-sms.LogicalHandler",
            "System.Net.Http.HttpClient.exotel-sms.ClientHandler",
            "Microsoft.AspNetCore.Hosting.Diagnostics",
            "Microsoft.AspNetCore.Routing.EndpointMiddleware",
            "Polly",
        })
        {
            Assert.False(loggers.CreateLogger(category).IsEnabled(LogLevel.Information), $"{category} logs every request in {environment}");
            Assert.True(loggers.CreateLogger(category).IsEnabled(LogLevel.Warning), $"{category} hides its warnings in {environment}");
        }
    }

    private static string SolutionDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Lifecycle.sln")))
        {
            directory = directory.Parent ?? throw new DirectoryNotFoundException("Lifecycle.sln is not above the test binaries.");
        }

        return directory.FullName;
    }

    /// <summary>A timeline store that fails the way a bug would, quoting a phone number as exception texts can.</summary>
    private sealed class BrokenTimelineReader : ITimelineReader
    {
        public Task<IReadOnlyList<TimelineEntry>> ReadAsync(UserId userId, CancellationToken ct) =>
            throw new InvalidOperationException($"The timeline of {RawPhone} cannot be read.");
    }
}
