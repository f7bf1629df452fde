using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests.Flows;

/// <summary>
/// Guide §4.4 and §6 through the API, the chatbot webhook and the sandbox: a chat the bot cannot resolve is handed to
/// one support voicebot call carrying its session, the voicebot's tool reads the chat's context, the call escalates to a
/// SmartConnect agent, and the history by session shows the chain chat → voicebot → agent.
/// </summary>
public abstract class SupportEscalationFlowTests(StoreKind kind)
{
    private const string Session = "CS_support_1";

    [Fact]
    public async Task A_chat_handed_to_voice_places_one_support_call_whose_tool_reads_the_chat_and_whose_agent_leg_ends_the_chain()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.EngageAsync(phone, "Kabir");

        await flow.Sandbox.ChatbotEventAsync(Consent(userId, "call_consent", "2026-05-20T10:00:00Z"));
        await flow.UntilAsync(async () => (await flow.CallsPlacedAsync(phone)).Count == 1, "the support call");
        await flow.Sandbox.ChatbotEventAsync(Consent(userId, "call_consent", "2026-05-20T10:00:05Z"));
        await flow.Sandbox.ChatbotEventAsync(Consent(userId, "handoff", "2026-05-20T10:00:09Z"));
        await flow.UntilAsync(
            async () => (await flow.EntriesAsync(userId, "chat")).Count(entry => FlowDriver.Text(entry, "step") is "call_consent" or "handoff") == 3, "the repeated handoffs");

        var placed = Assert.Single(await flow.CallsPlacedAsync(phone));
        var (callSid, customField) = (FlowDriver.Text(placed, "sid")!, FlowDriver.Text(placed, "customField")!);
        var call = await flow.Api.GetFromJsonAsync<JsonElement>($"/api/calls/{callSid}");
        Assert.Equal(("support", Session, customField), (FlowDriver.Text(call, "purpose"), FlowDriver.Text(call, "chatSessionId"), FlowDriver.Text(call, "customField")));
        Assert.Contains("|call:", customField, StringComparison.Ordinal);
        Assert.Equal("Cannot upgrade plan", call.GetProperty("context").GetProperty("issue_summary").GetString());

        var session = await flow.Api.GetFromJsonAsync<JsonElement>($"/api/sessions/{Session}");
        Assert.Equal((userId, "Kabir", "ENGAGED", "Cannot upgrade plan", "billing_dispute", 2),
            (session.GetProperty("userId").GetGuid(), FlowDriver.Text(session, "name"), FlowDriver.Text(session, "stage"), FlowDriver.Text(session, "issueSummary"),
                FlowDriver.Text(session, "botIntent"), session.GetProperty("resolutionAttempts").GetInt32()));
        Assert.Equal(["confirmed_account", "checked_invoice"], session.GetProperty("priorSteps").EnumerateArray().Select(step => step.GetString()));

        var ticket = Assert.Single((await flow.Api.GetFromJsonAsync<JsonElement>("/api/tickets?status=open&kind=support")).GetProperty("items").EnumerateArray());
        var chain = await ChainAsync(flow);
        Assert.Equal(chain[0].GetProperty("id").GetGuid(), ticket.GetProperty("conversationId").GetGuid());
        Assert.Equal(ticket.GetProperty("id").GetGuid(), chain[0].GetProperty("ticketId").GetGuid());

        var escalation = await flow.Sandbox.AgentAnswersAsync(callSid, "agent-42", "support-tier1");
        Assert.Equal((200, 200, 200), (Delivered(escalation, "callConnect"), Delivered(escalation, "callEnd"), Delivered(escalation, "callback")));
        await flow.UntilAsync(
            async () => await ChainAsync(flow) is { Count: 3 } legs && legs.Skip(1).All(leg => leg.GetProperty("endedAt").ValueKind != JsonValueKind.Null), "the ended call and agent leg");

        chain = await ChainAsync(flow);
        Assert.Equal(["whatsapp", "voicebot", "voice"], chain.Select(leg => FlowDriver.Text(leg, "channel")));
        Assert.Equal([null, chain[0].GetProperty("id").GetGuid(), chain[1].GetProperty("id").GetGuid()], chain.Select(ParentOf));
        Assert.Equal((callSid, callSid, "agent-42"), (FlowDriver.Text(chain[1], "sessionId"), FlowDriver.Text(chain[2], "sessionId"), FlowDriver.Text(chain[2], "agentId")));
        Assert.Equal("support-tier1", FlowDriver.Text(chain[1], "queue"));
        Assert.Equal("agent-42", await app.QueryAsync(db => db.Set<Call>().Where(c => c.CallSid == callSid).Select(c => c.AgentId).SingleAsync()));
        Assert.Equal(3, (await flow.Api.GetFromJsonAsync<JsonElement>($"/api/conversations?user_id={userId}")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_session_context_needs_the_api_key_and_an_unknown_session_is_404()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));

        var unknown = await app.Api().GetAsync("/api/sessions/CS_nobody");
        var anonymous = await app.CreateClient().GetAsync($"/api/sessions/{Session}");

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_live_chat_no_agent_takes_in_time_gets_the_callback_offer_and_a_support_ticket()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.EngageAsync(phone, "Kabir");
        await flow.Sandbox.ChatbotEventAsync(new { @event = "handoff", target = "live_chat", session_id = "CS_live_1", user_id = userId, summary = "refund", timestamp = "2026-05-20T10:00:00Z" });
        await flow.UntilAsync(async () => (await ChainAsync(flow, "CS_live_1")).Count == 1, "the queued chat");

        await flow.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Empty(await OpenTicketsAsync(flow));
        await flow.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Contains(await flow.Sandbox.AcceptedAsync("whatsApp", phone), message => message.ToString().Contains("callback_scheduled", StringComparison.Ordinal));
        var ticket = Assert.Single(await OpenTicketsAsync(flow));
        Assert.Equal((userId, "support"), (ticket.GetProperty("userId").GetGuid(), FlowDriver.Text(ticket, "kind")));
    }

    [Fact]
    public async Task An_agent_assigned_in_time_stops_the_clock_and_a_resolved_close_wins_an_at_risk_user_back_with_the_transcript_kept()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.EngageAsync(phone, "Kabir");
        await flow.EventAsync(userId, "usage_drop");
        await flow.DispatchAsync();
        await flow.Sandbox.ChatbotEventAsync(new { @event = "handoff", target = "live_chat", session_id = "CS_live_2", user_id = userId, timestamp = "2026-05-20T10:00:00Z" });
        await flow.Sandbox.ChatbotEventAsync(new { @event = "live_chat_assigned", session_id = "CS_live_2", user_id = userId, agent_id = "agent-9", transcript_url = "https://chat.test/CS_live_2", timestamp = "2026-05-20T10:01:00Z" });
        await flow.UntilAsync(async () => FlowDriver.Text((await ChainAsync(flow, "CS_live_2"))[0], "agentId") == "agent-9", "the live-chat agent");

        await flow.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Empty(await OpenTicketsAsync(flow));
        await flow.Sandbox.ChatbotEventAsync(new
        {
            @event = "session_closed", session_id = "CS_live_2", user_id = userId, resolved = true, timestamp = "2026-05-20T10:12:00Z",
            transcript = new[] { new { from = "user", text = "refund please" }, new { from = "agent", text = "done" } },
        });
        await flow.UntilStageAsync(userId, "ENGAGED");

        var chat = Assert.Single(await ChainAsync(flow, "CS_live_2"));
        Assert.Equal(("resolved", "agent-9", "https://chat.test/CS_live_2"), (FlowDriver.Text(chat, "outcome"), FlowDriver.Text(chat, "agentId"), FlowDriver.Text(chat, "transcriptUrl")));
        Assert.Equal("refund please", chat.GetProperty("transcript")[0].GetProperty("text").GetString());
        Assert.Contains(await flow.EntriesAsync(userId, "transition"), entry => FlowDriver.Text(entry, "trigger") == "chatbot:resolved");
        Assert.DoesNotContain(await flow.Sandbox.AcceptedAsync("whatsApp", phone), message => message.ToString().Contains("callback_scheduled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, "interactive")]
    [InlineData(false, "template")]
    public async Task The_churn_outreach_opens_the_chat_a_new_bot_session_continues_free_form_in_the_window_and_a_template_outside(bool wroteToUs, string content)
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.EngageAsync(phone, "Kabir");
        if (wroteToUs)
        {
            await flow.Sandbox.WriteOnWhatsAppAsync(phone, body: "hello");
            await flow.UntilAsync(async () => FlowDriver.Text(await flow.UserAsync(userId), "lastContactChannel") == "whatsapp", "the inbound message");
        }

        await flow.EventAsync(userId, "usage_drop");
        await flow.DispatchAsync();
        var outreach = Assert.Single(await flow.Sandbox.AcceptedAsync("whatsApp", phone), message => message.ToString().Contains("chat_with_us", StringComparison.Ordinal));
        Assert.Equal(content, FlowDriver.Text(outreach, "contentType"));

        await flow.Sandbox.ChatbotEventAsync(new { @event = "session_stalled", session_id = "CS_churn_1", user_id = userId, timestamp = "2026-05-20T10:00:00Z" });
        await flow.UntilAsync(async () => (await ChainAsync(flow, "CS_churn_1")).Count == 1, "the bot's session");

        var chat = Assert.Single(await ChainAsync(flow, "CS_churn_1"));
        Assert.Equal("churn", FlowDriver.Text(chat, "flow"));
        Assert.Single((await flow.Api.GetFromJsonAsync<JsonElement>($"/api/conversations?user_id={userId}")).GetProperty("items").EnumerateArray(),
            conversation => FlowDriver.Text(conversation, "flow") == "churn");
    }

    private static object Consent(Guid userId, string @event, string timestamp) => new
    {
        @event, session_id = Session, user_id = userId, timestamp, channel = "whatsapp",
        summary = "Cannot upgrade plan", bot_intent = "billing_dispute", prior_steps = new[] { "confirmed_account", "checked_invoice" }, bot_resolution_attempts = 2,
    };

    private static async Task<List<JsonElement>> ChainAsync(FlowDriver flow, string session = Session) =>
        [.. (await flow.Api.GetFromJsonAsync<JsonElement>($"/api/conversations?session_id={session}")).GetProperty("items").EnumerateArray()];

    private static async Task<List<JsonElement>> OpenTicketsAsync(FlowDriver flow) =>
        [.. (await flow.Api.GetFromJsonAsync<JsonElement>("/api/tickets?status=open")).GetProperty("items").EnumerateArray()];

    private static Guid? ParentOf(JsonElement conversation) =>
        conversation.GetProperty("parentId").ValueKind == JsonValueKind.Null ? null : conversation.GetProperty("parentId").GetGuid();

    private static int? Delivered(JsonElement escalation, string name) => escalation.GetProperty(name).GetProperty("status").GetInt32();
}

public sealed class SupportEscalationFlowOnSqlite() : SupportEscalationFlowTests(StoreKind.Sqlite);

public sealed class SupportEscalationFlowOnPostgres() : SupportEscalationFlowTests(StoreKind.Postgres);
