using System.Net;
using System.Text;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>Each test starts its own service instances, so restarts and retry settings stay local to it.</summary>
public abstract class OutboxTests(StoreKind kind) : IAsyncLifetime
{
    private RecordingExotel exotel = null!;

    public async Task InitializeAsync() => exotel = await RecordingExotel.StartAsync();

    public async Task DisposeAsync() => await exotel.DisposeAsync();

    [Fact]
    public async Task Outbox_rows_survive_a_restart_and_the_new_host_dispatches_them_exactly_once()
    {
        var store = TestStore.Create(kind);
        OutboundMessage message;
        await using (var first = new LifecycleApp(store, exotel.BaseUrl))
        {
            message = await QueueSmsAsync(first);
        }

        await using var second = new LifecycleApp(store, exotel.BaseUrl);
        await DrainAsync(second);
        await DrainAsync(second);

        var sent = Assert.Single(exotel.Requests);
        Assert.Equal(message.Id.ToString(), sent.Form["CustomField"]);
        var stored = await second.QueryAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(MessageStatus.Submitted, stored.Status);
        Assert.StartsWith("SM", stored.ProviderId);
        Assert.Equal(WorkStatus.Done, (await OutboxRowsAsync(second)).Single().Status);
    }

    [Fact]
    public async Task The_sms_goes_out_in_exotels_wire_format()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
        var message = await QueueSmsAsync(app);

        await DrainAsync(app);

        var request = Assert.Single(exotel.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/Accounts/test-account/Sms/send", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("test-key:test-token")), request.Authorization);
        Assert.Equal("LFCYCL", request.Form["From"]);
        Assert.Equal("Your order is confirmed.", request.Form["Body"]);
        Assert.Equal("1101000000000000001", request.Form["DltEntityId"]);
        Assert.Equal("1107000000000000042", request.Form["DltTemplateId"]);
        Assert.Equal("transactional", request.Form["SmsType"]);
        Assert.Equal("http://lifecycle.test/webhooks/exotel/sms", request.Form["StatusCallback"]);
        Assert.Equal(message.Id.ToString(), request.Form["CustomField"]);
        Assert.StartsWith("+9198", request.Form["To"]);
    }

    [Fact]
    public async Task A_failing_message_is_retried_with_growing_delay_and_dead_lettered_without_blocking_others()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl, new Dictionary<string, string?>
        {
            ["Lifecycle:Outbox:MaxAttempts"] = "3",
            ["Lifecycle:Outbox:RetryBaseDelay"] = "00:00:10",
            ["Exotel:Resilience:MaxRetries"] = "0",
        });
        var failing = await QueueSmsAsync(app, template: "1107000000000000666");
        var failingPhone = await PhoneOfAsync(app, failing);
        exotel.Reply = request => request.Form.GetValueOrDefault("To") == failingPhone
            ? new CannedReply(HttpStatusCode.ServiceUnavailable, """{"RestException":{"Status":503,"Message":"Rate limit"}}""")
            : null;
        var healthy = await QueueSmsAsync(app);

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await DrainAsync(app);
            var row = (await OutboxRowsAsync(app)).Single(r => r.Payload.Contains(failing.Id.ToString()));
            Assert.Equal(attempt, row.Attempts);
            Assert.Contains("503", row.LastError);
            if (attempt < 3)
            {
                Assert.Equal(WorkStatus.Pending, row.Status);
                delays.Add(row.NotBefore - app.Clock.GetUtcNow());
                app.Clock.Advance(delays[^1]);
            }
            else
            {
                Assert.Equal(WorkStatus.DeadLettered, row.Status);
            }
        }

        app.Clock.Advance(TimeSpan.FromDays(1));
        await DrainAsync(app);

        Assert.InRange(delays[0], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12));
        Assert.True(delays[1] > delays[0], $"second delay {delays[1]} should exceed the first {delays[0]}");
        Assert.Equal(3, exotel.Requests.Count(r => r.Form["To"] == failingPhone));
        Assert.Single(exotel.Requests, r => r.Form["CustomField"] == healthy.Id.ToString());
    }

    [Fact]
    public async Task Two_503s_then_success_are_retried_over_http_and_send_exactly_one_message()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
        var refusals = 0;
        exotel.Reply = _ => Interlocked.Increment(ref refusals) <= 2
            ? new CannedReply(HttpStatusCode.ServiceUnavailable, """{"RestException":{"Status":503,"Message":"Too many requests"}}""")
            : null;
        var message = await QueueSmsAsync(app);

        await DrainAsync(app);

        Assert.Equal(3, exotel.Requests.Count);
        var stored = await app.QueryAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(MessageStatus.Submitted, stored.Status);
        Assert.Equal(WorkStatus.Done, (await OutboxRowsAsync(app)).Single().Status);
    }

    [Fact]
    public async Task A_dlt_rejection_fails_the_message_without_a_retry()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
        exotel.Reply = _ => new CannedReply(
            HttpStatusCode.BadRequest, """{"RestException":{"Status":400,"Code":"DLT_TEMPLATE_NOT_FOUND","Message":"DLT template not found"}}""");
        var message = await QueueSmsAsync(app);

        await DrainAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await DrainAsync(app);

        Assert.Single(exotel.Requests);
        var stored = await app.QueryAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(MessageStatus.Failed, stored.Status);
        Assert.Contains("DLT_TEMPLATE_NOT_FOUND", stored.StatusDetail);
        Assert.Equal(WorkStatus.Done, (await OutboxRowsAsync(app)).Single().Status);
    }

    [Fact]
    public async Task A_message_not_yet_due_waits_for_its_time()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
        await QueueSmsAsync(app, notBefore: app.Clock.GetUtcNow().AddHours(2));

        await DrainAsync(app);
        var early = exotel.Requests.Count;
        app.Clock.Advance(TimeSpan.FromHours(2));
        await DrainAsync(app);

        Assert.Equal(0, early);
        Assert.Single(exotel.Requests);
    }

    protected RecordingExotel Exotel => exotel;

    protected static Task<int> DrainAsync(LifecycleApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    protected static async Task<OutboundMessage> QueueSmsAsync(
        LifecycleApp app, DateTimeOffset? notBefore = null, string template = "1107000000000000042") =>
        (await Arrange.QueuedSmsAsync(app, 1, notBefore, template)).Single();

    private static Task<List<OutboxMessageRow>> OutboxRowsAsync(LifecycleApp app) =>
        app.QueryAsync(db => db.Outbox.AsNoTracking().ToListAsync());

    private static Task<string> PhoneOfAsync(LifecycleApp app, OutboundMessage message) =>
        app.QueryAsync(async db => (await db.Users.AsNoTracking().SingleAsync(u => u.Id == message.UserId)).Phone!.Value);
}

public sealed class OutboxOnSqlite() : OutboxTests(StoreKind.Sqlite);

public sealed class OutboxOnPostgres() : OutboxTests(StoreKind.Postgres)
{
    [Fact]
    public async Task Two_dispatchers_running_at_once_never_send_the_same_row_twice()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Postgres), Exotel.BaseUrl, new Dictionary<string, string?>
        {
            ["Lifecycle:Outbox:BatchSize"] = "10",
        });
        var messages = new List<OutboundMessage>();
        for (var i = 0; i < 200; i++)
        {
            messages.Add(await QueueSmsAsync(app));
        }

        var first = app.Services.GetRequiredService<OutboxDispatcher>();
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);
        var handled = await Task.WhenAll(Task.Run(() => first.DrainAsync(CancellationToken.None)), Task.Run(() => second.DrainAsync(CancellationToken.None)));

        Assert.Equal(200, handled.Sum());
        Assert.All(handled, count => Assert.True(count > 0, "both dispatchers should have claimed work"));
        Assert.Equal(
            messages.Select(m => m.Id.ToString()).Order(),
            Exotel.Requests.SelectMany(RecordingExotel.SmsMessageIds).Order());
    }
}
