using System.Net;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>Bulk batching, the per-account SMS quota and reconciliation of lost callbacks.</summary>
public sealed class SmsDispatchTests : IAsyncLifetime
{
    private RecordingExotel exotel = null!;

    public async Task InitializeAsync() => exotel = await RecordingExotel.StartAsync();

    public async Task DisposeAsync() => await exotel.DisposeAsync();

    [Fact]
    public async Task A_burst_of_1000_sms_goes_out_in_bulk_requests_of_100_within_the_per_minute_quota()
    {
        const int perMinute = 3;
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl, new Dictionary<string, string?>
        {
            ["Lifecycle:Outbox:RequestsPerMinute:sms"] = perMinute.ToString(),
        });
        var queued = await QueueManyAsync(app, 1000);

        var perRound = new List<int>();
        while (exotel.Requests.Count < 10 && perRound.Count < 10)
        {
            var before = exotel.Requests.Count;
            await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
            perRound.Add(exotel.Requests.Count - before);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([3, 3, 3, 1], perRound);
        Assert.All(exotel.Requests, request => Assert.EndsWith("/Sms/bulksend.json", request.Path));
        Assert.All(exotel.Requests, request => Assert.Equal(100, RecordingExotel.SmsMessageIds(request).Count()));
        Assert.Equal(queued.Order(), exotel.Requests.SelectMany(RecordingExotel.SmsMessageIds).Order());
        Assert.Equal(0, await app.QueryAsync(db => db.Outbox.CountAsync(row => row.Attempts > 0)));
    }

    [Fact]
    public async Task A_bulk_send_carries_the_shared_fields_once_and_each_message_indexed()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl);
        var queued = await QueueManyAsync(app, 2);

        await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

        var request = Assert.Single(exotel.Requests);
        Assert.Equal("/v1/Accounts/test-account/Sms/bulksend.json", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("LFCYCL", request.Form["From"]);
        Assert.Equal("1101000000000000001", request.Form["DltEntityId"]);
        Assert.Equal("transactional", request.Form["SmsType"]);
        Assert.Equal("http://lifecycle.test/webhooks/exotel/sms", request.Form["StatusCallback"]);
        for (var i = 0; i < 2; i++)
        {
            Assert.StartsWith("+9198", request.Form[$"Messages[{i}][To]"]);
            Assert.Equal("Your order is confirmed.", request.Form[$"Messages[{i}][Body]"]);
            Assert.Equal("1107000000000000042", request.Form[$"Messages[{i}][DltTemplateId]"]);
        }

        Assert.Equal(queued.Order(), RecordingExotel.SmsMessageIds(request).Order());
        var providerIds = await app.QueryAsync(db => db.OutboundMessages.AsNoTracking().Select(m => m.ProviderId).ToListAsync());
        Assert.Equal(2, providerIds.Distinct().Count(id => id!.StartsWith("SM")));
    }

    [Fact]
    public async Task A_message_whose_callback_is_lost_is_reconciled_through_the_status_api()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl);
        var message = (await Arrange.QueuedSmsAsync(app)).Single();
        await DrainAllAsync(app);
        var sid = (await StoredAsync(app, message.Id)).ProviderId!;
        exotel.Reply = request => request.Method == "GET"
            ? new CannedReply(HttpStatusCode.OK, JsonSerializer.Serialize(new
            {
                SMSMessage = new { Sid = sid, Status = "sent", DetailedStatus = "DELIVERED_TO_HANDSET", DetailedStatusCode = "20005" },
            }))
            : null;

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await DrainAllAsync(app);
        var beforeDeadline = (await StoredAsync(app, message.Id)).Status;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await DrainAllAsync(app);
        await DrainAllAsync(app);
        var lateCallback = await Webhook.PostAsync(
            app, "/webhooks/exotel/sms", Webhook.Form(("SmsSid", sid), ("Status", "sent"), ("DetailedStatusCode", "20005")));

        Assert.Equal(MessageStatus.Submitted, beforeDeadline);
        Assert.Equal(MessageStatus.Delivered, (await StoredAsync(app, message.Id)).Status);
        var lookUp = Assert.Single(exotel.Requests, request => request.Method == "GET");
        Assert.Equal($"/v1/Accounts/test-account/Sms/Messages/{sid}", lookUp.Path);
        Assert.Contains("duplicate", await lateCallback.Content.ReadAsStringAsync());
    }

    private static async Task DrainAllAsync(LifecycleApp app)
    {
        await app.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
        await app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
    }

    private static Task<OutboundMessage> StoredAsync(LifecycleApp app, Guid id) =>
        app.QueryAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    private static async Task<List<string>> QueueManyAsync(LifecycleApp app, int count) =>
        [.. (await Arrange.QueuedSmsAsync(app, count)).Select(message => message.Id.ToString())];
}
