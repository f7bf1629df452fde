using System.Net.Http.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>The WhatsApp rung and the fallbacks between SMS and WhatsApp, through the sandbox (policies.md).</summary>
public abstract class WhatsAppLadderTests(StoreKind kind)
{
    [Fact]
    public async Task A_failed_whatsapp_falls_back_to_sms_with_the_same_content()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        await sandbox.AddScenarioAsync(new { product = "whatsapp", to = user.Phone!.Value, outcome = "failed", statusCode = 30008 });

        await SendAsync(app, user, "activation_nudge", "whatsapp");
        await DispatchAsync(app);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await sandbox.ProcessUntilAsync(async () => (await MessagesAsync(app, user)).Count == 2, "the SMS fallback");
        await DispatchAsync(app);

        var messages = await MessagesAsync(app, user);
        Assert.Equal([Channel.WhatsApp, Channel.Sms], messages.Select(message => message.Channel));
        Assert.Equal(MessageStatus.Failed, messages[0].Status);
        var sms = Assert.Single(await sandbox.AcceptedAsync("sms", user.Phone.Value));
        Assert.Contains("Priya, your account is ready. Take the first step: https://app.example/start", sms.ToString());
        Assert.Equal(messages[0].DeliveryId, messages[1].DeliveryId);
    }

    [Fact]
    public async Task An_sms_undelivered_twice_falls_back_to_the_whatsapp_template()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        await sandbox.AddScenarioAsync(new { product = "sms", to = user.Phone!.Value, outcome = "undelivered" });

        await SendAsync(app, user, "activation_nudge", "sms");
        await DispatchAsync(app);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await sandbox.ProcessUntilAsync(async () => (await MessagesAsync(app, user)).Count == 2, "the SMS retry");
        await DispatchAsync(app);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await sandbox.ProcessUntilAsync(async () => (await MessagesAsync(app, user)).Count == 3, "the WhatsApp fallback");
        await DispatchAsync(app);

        var messages = await MessagesAsync(app, user);
        Assert.Equal([(Channel.Sms, 1), (Channel.Sms, 2), (Channel.WhatsApp, 1)], messages.Select(message => (message.Channel, message.Attempt)));
        var whatsApp = Assert.Single(await sandbox.AcceptedAsync("whatsApp", user.Phone.Value));
        Assert.Contains("activation_nudge_d7", whatsApp.ToString());
    }

    [Fact]
    public async Task A_reply_on_whatsapp_makes_it_the_preferred_channel_and_opens_the_window_for_buttons()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);

        await sandbox.WriteOnWhatsAppAsync(user.Phone!.Value, body: "hi");
        await sandbox.ProcessUntilAsync(
            async () => (await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id))).LastInboundWhatsAppAt is not null,
            "the inbound message");
        await SendAsync(app, user, "onboarding_welcome", "auto");
        await DispatchAsync(app);

        var shown = await app.Api().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/users/{user.Id}");
        Assert.Equal("whatsapp", shown.GetProperty("channelPreference").GetString());
        Assert.Equal("whatsapp", shown.GetProperty("lastContactChannel").GetString());
        var sent = Assert.Single(await sandbox.AcceptedAsync("whatsApp", user.Phone.Value));
        Assert.Contains("start_setup", sent.ToString());
        Assert.Equal(MessageStatus.Submitted, (await MessagesAsync(app, user)).Single().Status);
    }

    [Fact]
    public async Task Outside_the_24h_window_buttons_are_refused_and_the_approved_template_goes_instead()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var inbound = await Webhook.PostAsync(
            app, "/webhooks/exotel/whatsapp", $$"""{"MessageSid":"WAin{{Guid.NewGuid():N}}","From":"whatsapp:{{user.Phone!.Value}}","Body":"hello"}""", "application/json");
        inbound.EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);

        await SendAsync(app, user, "onboarding_welcome", "whatsapp");
        await DispatchAsync(app);
        await DispatchAsync(app);

        Assert.Equal(2, await sandbox.RequestCountAsync("whatsapp"));
        var sent = Assert.Single(await sandbox.AcceptedAsync("whatsApp", user.Phone.Value));
        Assert.Contains("onboarding_welcome_v2", sent.ToString());
        Assert.Equal(MessageStatus.Submitted, (await MessagesAsync(app, user)).Single().Status);
    }

    [Fact]
    public async Task A_refused_template_is_tried_again_every_24_hours_then_the_sms_rung_takes_over()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind), new Dictionary<string, string?>
        {
            ["Notifications:pending_welcome:WhatsApp:Template"] = "onboarding_welcome_v3_pending",
            ["Notifications:pending_welcome:Sms:Template"] = "Welcome, {{name}}!",
            ["Notifications:pending_welcome:Sms:DltTemplateId"] = "1107170000000000099",
            ["Lifecycle:WhatsApp:MaxTemplateRetries"] = "2",
        });
        var sandbox = new SandboxControl(app);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);

        await SendAsync(app, user, "pending_welcome", "whatsapp");
        await DispatchAsync(app);
        var afterFirstTry = await sandbox.RequestCountAsync("whatsapp");
        app.Clock.Advance(TimeSpan.FromHours(23));
        await DispatchAsync(app);
        var beforeADay = await sandbox.RequestCountAsync("whatsapp");
        for (var day = 0; day < 2; day++)
        {
            app.Clock.Advance(TimeSpan.FromHours(24));
            await DispatchAsync(app);
        }

        await DispatchAsync(app);

        Assert.Equal((1, 1), (afterFirstTry, beforeADay));
        Assert.Equal(3, await sandbox.RequestCountAsync("whatsapp"));
        var messages = await MessagesAsync(app, user);
        Assert.Equal([Channel.WhatsApp, Channel.Sms], messages.Select(message => message.Channel));
        Assert.Contains("TEMPLATE_NOT_APPROVED", messages[0].StatusDetail);
        Assert.Single(await sandbox.AcceptedAsync("sms", user.Phone!.Value));
    }

    [Fact]
    public async Task A_template_not_approved_in_configuration_is_skipped_for_the_sms_rung()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind), new Dictionary<string, string?>
        {
            ["Notifications:activation_nudge:WhatsApp:Approved"] = "false",
        });
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);

        var answer = await SendAsync(app, user, "activation_nudge", "whatsapp");

        Assert.Equal("sms", (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("channel").GetString());
    }

    [Fact]
    public async Task A_user_opted_out_of_whatsapp_gets_the_sms_rung()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        await app.Api().PutAsJsonAsync($"/api/users/{user.Id}/preferences", new { optOutWhatsapp = true });

        var answer = await SendAsync(app, user, "activation_nudge", "whatsapp");

        Assert.Equal("sms", (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("channel").GetString());
    }

    private static Task<HttpResponseMessage> SendAsync(LifecycleApp app, User user, string notification, string channel) =>
        app.Api().PostAsJsonAsync(
            $"/api/users/{user.Id}/messages",
            new { notification, channel, variables = new { name = "Priya", link = "https://app.example/start" } });

    private static Task<int> DispatchAsync(LifecycleApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    private static Task<List<OutboundMessage>> MessagesAsync(LifecycleApp app, User user) =>
        app.QueryAsync(db => db.OutboundMessages.AsNoTracking()
            .Where(message => message.UserId == user.Id).OrderBy(message => message.CreatedAt).ThenBy(message => message.Attempt).ToListAsync());
}

public sealed class WhatsAppLadderOnSqlite() : WhatsAppLadderTests(StoreKind.Sqlite);

public sealed class WhatsAppLadderOnPostgres() : WhatsAppLadderTests(StoreKind.Postgres);
