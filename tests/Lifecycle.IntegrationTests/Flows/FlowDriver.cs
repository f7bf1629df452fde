using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Mediator;

namespace Lifecycle.IntegrationTests.Flows;

/// <summary>
/// Drives a flow of guide §4 the way production runs it — the API, the sandbox playing Exotel and the user, the daily
/// scan, the timers and the outbox — with the clock moved ahead instead of waited for.
/// </summary>
internal sealed class FlowDriver(LifecycleApp app)
{
    public SandboxControl Sandbox { get; } = new(app);

    public HttpClient Api { get; } = app.Api();

    public LifecycleApp App => app;

    /// <summary>Signs a new user up and approves the code their phone received: ONBOARDING, welcome delivered.</summary>
    public async Task<Guid> OnboardAsync(string phone, string name)
    {
        var signup = await (await Api.PostAsJsonAsync("/api/signups", new { phone, name })).Content.ReadFromJsonAsync<JsonElement>();
        await DispatchAsync();
        var otp = await Sandbox.OtpAsync(phone);
        (await Api.PostAsJsonAsync($"/api/verifications/{signup.GetProperty("verificationId").GetGuid()}/check", new { otp })).EnsureSuccessStatusCode();
        await DispatchAsync();
        var userId = signup.GetProperty("userId").GetGuid();
        Assert.Equal("ONBOARDING", await StageAsync(userId));
        return userId;
    }

    /// <summary>Onboards, takes the first key action, and uses the product again a day later: ENGAGED.</summary>
    public async Task<Guid> EngageAsync(string phone, string name)
    {
        var userId = await OnboardAsync(phone, name);
        await EventAsync(userId, "key_action");
        app.Clock.Advance(TimeSpan.FromDays(1));
        await EventAsync(userId, "usage");
        Assert.Equal("ENGAGED", await StageAsync(userId));
        return userId;
    }

    /// <summary>Onboards, then lets a week pass and the scan enroll the user in the activation drip.</summary>
    public async Task<Guid> NudgedAsync(string phone)
    {
        var userId = await OnboardAsync(phone, "Meera");
        await AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal(1, (await ScanAsync()).Nudged);
        return userId;
    }

    public async Task<JsonElement> UserAsync(Guid userId) => await Api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}");

    public async Task EventAsync(Guid userId, string type) =>
        (await Api.PostAsJsonAsync($"/api/users/{userId}/events", new { type })).EnsureSuccessStatusCode();

    /// <summary>The daily inactivity scan, then the timers it hands out and the requests they queue.</summary>
    public async Task<InactivityScanResult> ScanAsync()
    {
        var result = await app.InScopeAsync(services => services.GetRequiredService<IMediator>().Send(new RunInactivityScan()).AsTask());
        await FireTimersAsync();
        return result;
    }

    /// <summary>Moves the clock on, fires the timers that fell due and sends what they queued.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        app.Clock.Advance(by);
        await FireTimersAsync();
    }

    public async Task FireTimersAsync()
    {
        await app.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        await DispatchAsync();
    }

    public Task<int> DispatchAsync() => app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    /// <summary>Applies the sandbox's callbacks (and sends what they queue) until <paramref name="done"/> holds.</summary>
    public async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        await Sandbox.ProcessUntilAsync(async () => { await DispatchAsync(); return await done(); }, what);
        await DispatchAsync();
    }

    public Task UntilStageAsync(Guid userId, string stage) => UntilAsync(async () => await StageAsync(userId) == stage, $"stage {stage}");

    public async Task<string?> StageAsync(Guid userId) =>
        (await Api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}")).GetProperty("stage").GetString();

    public async Task<List<JsonElement>> TimelineAsync(Guid userId) =>
        [.. (await Api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}/timeline")).GetProperty("items").EnumerateArray()];

    public async Task<List<JsonElement>> EntriesAsync(Guid userId, string kind) =>
        [.. (await TimelineAsync(userId)).Where(entry => Text(entry, "kind") == kind)];

    /// <summary>The calls Exotel was asked to place to <paramref name="phone"/>, oldest first.</summary>
    public Task<List<JsonElement>> CallsPlacedAsync(string phone) => Sandbox.AcceptedAsync("calls", phone);

    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
