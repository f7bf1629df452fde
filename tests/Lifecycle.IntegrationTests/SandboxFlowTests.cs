using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>The service and the in-process sandbox talking over real HTTP, both ways.</summary>
public abstract class SandboxFlowTests(StoreKind kind)
{
    [Fact]
    public async Task A_queued_sms_is_sent_and_its_signed_callback_arrives_and_is_applied()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var message = (await Arrange.QueuedSmsAsync(app)).Single();

        await DispatchAsync(app);
        await new SandboxControl(app).ProcessCallbacksAsync(1);

        var stored = await StoredAsync(app, message.Id);
        Assert.StartsWith("SM", stored.ProviderId);
        Assert.Equal(MessageStatus.Delivered, stored.Status);
    }

    [Fact]
    public async Task Two_503s_from_exotel_then_success_yield_exactly_one_sent_message()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var message = (await Arrange.QueuedSmsAsync(app)).Single();
        var phone = await PhoneOfAsync(app, message);
        var sandbox = new SandboxControl(app);
        await sandbox.AddScenarioAsync(new { product = "sms", to = phone, httpStatus = 503, times = 2 });

        await DispatchAsync(app);

        var sent = await sandbox.AcceptedAsync("sms", phone);
        Assert.Single(sent);
        Assert.Equal(MessageStatus.Submitted, (await StoredAsync(app, message.Id)).Status);
    }

    [Fact]
    public async Task A_dlt_rejection_is_recorded_and_not_retried()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var message = (await Arrange.QueuedSmsAsync(app, template: "0000000000000000000")).Single();

        await DispatchAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await DispatchAsync(app);

        var stored = await StoredAsync(app, message.Id);
        Assert.Equal(MessageStatus.Failed, stored.Status);
        Assert.Contains("DLT_TEMPLATE_NOT_FOUND", stored.StatusDetail);
        Assert.Equal(1, await new SandboxControl(app).RequestCountAsync("sms"));
    }

    [Fact]
    public async Task A_message_whose_callback_is_lost_is_reconciled_through_the_sandbox_status_api()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var message = (await Arrange.QueuedSmsAsync(app)).Single();
        await new SandboxControl(app).AddScenarioAsync(new { product = "sms", to = await PhoneOfAsync(app, message), noCallback = true });

        await DispatchAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        await app.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        await DispatchAsync(app);
        await app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);

        Assert.Equal(MessageStatus.Delivered, (await StoredAsync(app, message.Id)).Status);
    }

    [Fact]
    public async Task A_signup_through_the_api_makes_a_real_verify_request_and_the_otp_is_readable_in_the_sandbox()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var phone = Arrange.NewPhone();

        var response = await app.Api().PostAsJsonAsync("/api/signups", new { phone, name = "Priya" });
        await DispatchAsync(app);
        var otp = await new HttpClient().GetFromJsonAsync<JsonElement>($"{app.SandboxUrl}/sandbox/otp/{Uri.EscapeDataString(phone)}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ACQUIRED", body.GetProperty("stage").GetString());
        var verificationId = body.GetProperty("verificationId").GetGuid();
        var verification = await app.QueryAsync(db => db.Set<Verification>().AsNoTracking().SingleAsync(v => v.Id == verificationId));
        Assert.Equal(verification.ProviderSid, otp.GetProperty("verificationSid").GetString());
        Assert.Matches("^[0-9]{6}$", otp.GetProperty("otp").GetString());
    }

    private static Task<int> DispatchAsync(LifecycleApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    private static Task<OutboundMessage> StoredAsync(LifecycleApp app, Guid id) =>
        app.QueryAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    private static Task<string> PhoneOfAsync(LifecycleApp app, OutboundMessage message) =>
        app.QueryAsync(async db => (await db.Users.AsNoTracking().SingleAsync(u => u.Id == message.UserId)).Phone!.Value);
}

public sealed class SandboxFlowOnSqlite() : SandboxFlowTests(StoreKind.Sqlite);

public sealed class SandboxFlowOnPostgres() : SandboxFlowTests(StoreKind.Postgres);
