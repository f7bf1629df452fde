using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Infrastructure.Common.Durable;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>The in-process sandbox's control API (docs/sandbox.md), and waiting for its callbacks to land.</summary>
public sealed class SandboxControl(LifecycleApp app)
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(app.SandboxUrl) };

    public async Task AddScenarioAsync(object rule) =>
        (await http.PostAsJsonAsync("/sandbox/scenarios", new { rules = new[] { rule } })).EnsureSuccessStatusCode();

    /// <summary>The user writes to us on WhatsApp (text and/or a button press).</summary>
    public async Task WriteOnWhatsAppAsync(string from, string? body = null, string? buttonPayload = null) =>
        (await http.PostAsJsonAsync("/sandbox/whatsapp/inbound", new { from, body, buttonPayload })).EnsureSuccessStatusCode();

    /// <summary>The chatbot reports an event of its session (forwarded, signed, to our chatbot webhook).</summary>
    public async Task ChatbotEventAsync(string @event, string sessionId, Guid userId) =>
        (await http.PostAsJsonAsync("/sandbox/chatbot/events", new { @event, session_id = sessionId, user_id = userId })).EnsureSuccessStatusCode();

    /// <summary>The chatbot reports an event with its own fields (context, agent, transcript…).</summary>
    public async Task ChatbotEventAsync(object payload) =>
        (await http.PostAsJsonAsync("/sandbox/chatbot/events", payload)).EnsureSuccessStatusCode();

    /// <summary>The voicebot on <paramref name="callSid"/> escalates to a SmartConnect queue and an agent answers.</summary>
    public async Task<JsonElement> AgentAnswersAsync(string callSid, string agentId, string queue, int duration = 120)
    {
        var answer = await http.PostAsJsonAsync($"/sandbox/calls/{callSid}/agent", new { agentId, queue, duration });
        answer.EnsureSuccessStatusCode();
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Items the sandbox accepted, of one kind (<c>sms</c>, <c>whatsApp</c>, <c>calls</c>…), for one phone.</summary>
    public async Task<List<JsonElement>> AcceptedAsync(string kind, string phone)
    {
        var all = await http.GetFromJsonAsync<JsonElement>("/sandbox/messages");
        return [.. all.GetProperty(kind).EnumerateArray().Where(item => item.ToString().Contains(phone, StringComparison.Ordinal))];
    }

    /// <summary>The API requests the sandbox recorded for one product, oldest first.</summary>
    public async Task<List<JsonElement>> RequestsAsync(string product) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"/sandbox/requests?product={product}")).EnumerateArray()];

    public async Task<int> RequestCountAsync(string product) =>
        (await http.GetFromJsonAsync<JsonElement>($"/sandbox/requests?product={product}")).EnumerateArray().Count();

    public async Task<string?> OtpAsync(string phone) =>
        (await http.GetFromJsonAsync<JsonElement>($"/sandbox/otp/{Uri.EscapeDataString(phone)}")).GetProperty("otp").GetString();

    /// <summary>Processes the sandbox's callbacks as they land until <paramref name="done"/> holds.</summary>
    public async Task ProcessUntilAsync(Func<Task<bool>> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
            if (await done())
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="count"/> webhook events are in the inbox, then processes them.</summary>
    public async Task ProcessCallbacksAsync(int count)
    {
        var waited = Stopwatch.StartNew();
        while (await app.QueryAsync(db => db.Inbox.CountAsync(row => row.Status == WorkStatus.Pending)) < count)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"expected {count} callbacks from the sandbox");
            await Task.Delay(20);
        }

        await app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
    }
}
