using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifecycle.IntegrationTests;

/// <summary>The service as it runs: migrations, health, docs, start-up validation and the Quartz-hosted loops.</summary>
public abstract class HostTests(StoreKind kind) : IAsyncLifetime
{
    private RecordingExotel exotel = null!;

    public async Task InitializeAsync() => exotel = await RecordingExotel.StartAsync();

    public async Task DisposeAsync() => await exotel.DisposeAsync();

    [Fact]
    public async Task A_new_database_is_migrated_at_start_and_reported_ready()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
        var client = app.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty(await app.QueryAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_key()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);

        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/users/{id}/events", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/webhooks/exotel/sms", out _));
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Quartz_runs_the_inbox_loop_so_a_webhook_is_applied_without_anyone_asking()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl, new Dictionary<string, string?>
        {
            ["Lifecycle:Workers:Enabled"] = "true",
            ["Lifecycle:Workers:PollInterval"] = "00:00:00.2",
        }, frozenClock: false);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var sid = $"SM{Guid.NewGuid():N}";
        var message = await Arrange.SmsAsync(app, user, sid);

        await Webhook.PostAsync(app, "/webhooks/exotel/sms", Webhook.Form(("SmsSid", sid), ("Status", "sent")));

        Assert.Equal(MessageStatus.Delivered, await StatusWhenDeliveredAsync(app, message.Id, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task An_accepted_webhook_is_applied_at_once_rather_than_at_the_next_poll()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl, new Dictionary<string, string?>
        {
            ["Lifecycle:Workers:Enabled"] = "true",
            ["Lifecycle:Workers:PollInterval"] = "00:10:00",
        }, frozenClock: false);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var sid = $"SM{Guid.NewGuid():N}";
        var message = await Arrange.SmsAsync(app, user, sid);

        await Webhook.PostAsync(app, "/webhooks/exotel/sms", Webhook.Form(("SmsSid", sid), ("Status", "sent")));

        Assert.Equal(MessageStatus.Delivered, await StatusWhenDeliveredAsync(app, message.Id, TimeSpan.FromSeconds(5)));
    }

    /// <summary>The message's status once delivered, or when <paramref name="within"/> has passed: the loops run on their own.</summary>
    private static async Task<MessageStatus> StatusWhenDeliveredAsync(LifecycleApp app, Guid messageId, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        MessageStatus status;
        do
        {
            await Task.Delay(50);
            status = await app.QueryAsync(async db => (await db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == messageId)).Status);
        }
        while (status != MessageStatus.Delivered && deadline.Elapsed < within);

        return status;
    }
}

public sealed class HostOnSqlite() : HostTests(StoreKind.Sqlite);

public sealed class HostOnPostgres() : HostTests(StoreKind.Postgres);
