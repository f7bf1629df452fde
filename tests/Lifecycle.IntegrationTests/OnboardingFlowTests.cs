using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests;

/// <summary>Guide §4.1 end to end, driven only through our HTTP API and the sandbox playing Exotel and the user.</summary>
public abstract class OnboardingFlowTests(StoreKind kind)
{
    [Fact]
    public async Task Signup_to_activation_through_otp_whatsapp_welcome_chatbot_stall_agent_offer_and_setup_complete()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var api = app.Api();
        var phone = Arrange.NewPhone();

        // Signup → ACQUIRED, and a real Verify request.
        var signup = await (await api.PostAsJsonAsync("/api/signups", new { phone, name = "Priya" })).Content.ReadFromJsonAsync<JsonElement>();
        var userId = signup.GetProperty("userId").GetGuid();
        Assert.Equal("ACQUIRED", await StageAsync(api, userId));
        await DispatchAsync(app);

        // The code the phone received approves the signup → ONBOARDING, and the WhatsApp welcome is queued.
        var otp = await sandbox.OtpAsync(phone);
        var check = await api.PostAsJsonAsync($"/api/verifications/{signup.GetProperty("verificationId").GetGuid()}/check", new { otp });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("approved", (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("ONBOARDING", await StageAsync(api, userId));
        Assert.Contains(await TimelineAsync(api, userId), entry => entry.Is("transition", "trigger", "verify:approved"));

        // The welcome goes out as the approved template with its [Start Setup] button, and is delivered.
        await DispatchAsync(app);
        Assert.Contains("onboarding_welcome_v2", Assert.Single(await sandbox.AcceptedAsync("whatsApp", phone)).ToString());
        await sandbox.ProcessUntilAsync(
            async () => (await TimelineAsync(api, userId)).Any(entry => entry.Is("message", "status", "delivered")), "the welcome's delivery");

        // [Start Setup] → the onboarding chat starts.
        await sandbox.WriteOnWhatsAppAsync(phone, buttonPayload: "start_setup");
        await sandbox.ProcessUntilAsync(async () => (await TimelineAsync(api, userId)).Any(entry => entry.Is("chat", "step", "started")), "the chat");
        Assert.Equal("ONBOARDING", await StageAsync(api, userId));

        // The bot reports the user stuck → an agent is offered on WhatsApp (buttons: the user wrote to us just now).
        await sandbox.ChatbotEventAsync("session_stalled", "CS_onboarding_1", userId);
        await sandbox.ProcessUntilAsync(
            async () => (await TimelineAsync(api, userId)).Any(entry => entry.Is("message", "notification", "agent_offer")), "the agent offer");
        await DispatchAsync(app);
        Assert.Contains(await sandbox.AcceptedAsync("whatsApp", phone), message => message.ToString().Contains("talk_to_someone"));

        // "Talk to someone" → handed to the onboarding agents' queue.
        Assert.Equal("ONBOARDING", await StageAsync(api, userId));
        await sandbox.WriteOnWhatsAppAsync(phone, body: "Talk to someone", buttonPayload: "talk_to_someone");
        await sandbox.ProcessUntilAsync(
            async () => (await TimelineAsync(api, userId)).Any(entry => entry.Is("chat", "detail", "onboarding-agents")), "the hand-over");
        Assert.Equal("ONBOARDING", await StageAsync(api, userId));

        // The bot reports setup complete → ACTIVATED.
        await sandbox.ChatbotEventAsync("setup_complete", "CS_onboarding_1", userId);
        await sandbox.ProcessUntilAsync(async () => await StageAsync(api, userId) == "ACTIVATED", "the activation");

        var timeline = await TimelineAsync(api, userId);
        Assert.Equal(
            ["ACQUIRED", "ONBOARDING", "ACTIVATED"],
            timeline.Where(entry => entry.Kind == "transition").Select(entry => entry.Field("to")));
        Assert.Contains(timeline, entry => entry.Is("transition", "trigger", "chatbot:setup_complete"));
        Assert.Equal(
            ["started", "session_stalled", "handed_to_queue", "setup_complete", "ended"],
            timeline.Where(entry => entry.Kind == "chat").Select(entry => entry.Field("step")));
        Assert.All(timeline.Where(entry => entry.Kind == "chat").Skip(1), entry => Assert.Equal("CS_onboarding_1", entry.Field("sessionId")));
        var conversation = Assert.Single(
            (await api.GetFromJsonAsync<JsonElement>("/api/conversations?session_id=CS_onboarding_1")).GetProperty("items").EnumerateArray());
        Assert.Equal(userId, conversation.GetProperty("userId").GetGuid());
        Assert.Equal("resolved", conversation.GetProperty("outcome").GetString());
        Assert.Equal("onboarding-agents", conversation.GetProperty("queue").GetString());
    }

    private static Task<int> DispatchAsync(LifecycleApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    private static async Task<string?> StageAsync(HttpClient api, Guid userId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}")).GetProperty("stage").GetString();

    private static async Task<List<TimelineItem>> TimelineAsync(HttpClient api, Guid userId) =>
        [.. (await api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}/timeline")).GetProperty("items").EnumerateArray().Select(item => new TimelineItem(item))];

    private sealed record TimelineItem(JsonElement Json)
    {
        public string? Kind => Field("kind");

        public string? Field(string name) => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public bool Is(string kind, string field, string value) => Kind == kind && Field(field) == value;
    }
}

public sealed class OnboardingFlowOnSqlite() : OnboardingFlowTests(StoreKind.Sqlite);

public sealed class OnboardingFlowOnPostgres() : OnboardingFlowTests(StoreKind.Postgres);
