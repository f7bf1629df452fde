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
        await flow.Sandbox.AddScenarioAsync(new { product = "voicebot", phone, delay = "01:00:00" });

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

    /// <summary>
    /// The whole of guide §4.4: an inbound chat the bot cannot resolve → handoff → the support voicebot call with the chat's
    /// context → the voicebot escalates to <c>support-tier1</c> and an agent answers → the call ends → CQA is asked to
    /// analyse it with the agent, ticket and session → the score and the first-call-resolution KPI decide.
    /// </summary>
    [Theory]
    [InlineData(60, "qa_review")]
    [InlineData(45, "callback")]
    [InlineData(90, "auto_close")]
    public async Task Support_escalation_end_to_end_the_chat_voicebot_and_agent_legs_are_analysed_and_the_score_decides(int score, string decision)
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind), new Dictionary<string, string?>
        {
            // The sandbox's "resolution confirmed" KPI answers "No" below 50: it plays the first-call-resolution KPI.
            ["Lifecycle:Cqa:FirstCallResolutionKpi"] = "kpi-103",
        });
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.EngageAsync(phone, "Kabir");
        await flow.Sandbox.AddScenarioAsync(new { product = "cqa", phone = userId.ToString(), score });
        // The voicebot stays on the line until it escalates, instead of ending the call on its own.
        await flow.Sandbox.AddScenarioAsync(new { product = "voicebot", phone, delay = "01:00:00" });

        await flow.Sandbox.WriteOnWhatsAppAsync(phone, body: "I cannot upgrade my plan");
        await flow.UntilAsync(async () => FlowDriver.Text(await flow.UserAsync(userId), "lastContactChannel") == "whatsapp", "the inbound chat");
        await flow.Sandbox.ChatbotEventAsync(Consent(userId, "handoff", "2026-05-20T10:00:00Z"));
        await flow.UntilAsync(async () => (await flow.CallsPlacedAsync(phone)).Count == 1, "the support call");
        var callSid = FlowDriver.Text(Assert.Single(await flow.CallsPlacedAsync(phone)), "sid")!;
        var ticketId = Assert.Single((await flow.Api.GetFromJsonAsync<JsonElement>("/api/tickets?kind=support")).GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();

        await flow.Sandbox.AgentAnswersAsync(callSid, "agent-42", "support-tier1");
        await flow.UntilAsync(async () => await flow.Sandbox.RequestCountAsync("cqa") == 1, "the CQA ingest");

        var ingest = JsonDocument.Parse(Assert.Single(await flow.Sandbox.RequestsAsync("cqa")).GetProperty("body").GetString()!).RootElement;
        Assert.Equal(($"call-{callSid}", "VOICE"), (ingest.GetProperty("external_interaction_id").GetString(), ingest.GetProperty("channel_type").GetString()));
        Assert.EndsWith($"/sandbox/recordings/{callSid}.wav", ingest.GetProperty("audio_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["user_id"] = userId.ToString(), ["lifecycle_stage"] = "ENGAGED", ["agent_id"] = "agent-42",
                ["ticket_id"] = ticketId.ToString(), ["session_id"] = Session,
            },
            ingest.GetProperty("metadata").Deserialize<Dictionary<string, string>>());

        await flow.UntilAsync(async () => (await flow.UserAsync(userId)).GetProperty("cqaLastScore") is { ValueKind: JsonValueKind.Number } last && last.GetDouble() == score, "the analysis");
        var chain = await ChainAsync(flow);
        Assert.Equal(["whatsapp", "voicebot", "voice"], chain.Select(leg => FlowDriver.Text(leg, "channel")));
        Assert.Equal([null, chain[0].GetProperty("id").GetGuid(), chain[1].GetProperty("id").GetGuid()], chain.Select(ParentOf));
        Assert.All(chain.Skip(1), leg => Assert.Equal(score, leg.GetProperty("cqaScore").GetDouble()));
        Assert.Equal("agent-42", FlowDriver.Text(chain[2], "agentId"));

        var tasks = (await flow.Api.GetFromJsonAsync<JsonElement>("/api/qa-tasks?status=open")).GetProperty("items").EnumerateArray().ToList();
        var callbacks = (await flow.Api.GetFromJsonAsync<JsonElement>("/api/tickets?kind=callback")).GetProperty("items").EnumerateArray().ToList();
        var support = (await flow.Api.GetFromJsonAsync<JsonElement>($"/api/tickets?kind=support")).GetProperty("items")[0];
        switch (decision)
        {
            case "qa_review":
                var task = Assert.Single(tasks);
                Assert.Equal((userId.ToString(), $"call-{callSid}", "agent-42"),
                    (FlowDriver.Text(task, "userId"), FlowDriver.Text(task, "interactionId"), FlowDriver.Text(task, "agentId")));
                Assert.Empty(callbacks);
                Assert.Equal(("open", "ENGAGED"), (FlowDriver.Text(support, "status"), await flow.StageAsync(userId)));
                break;
            case "callback":
                Assert.Empty(tasks);
                var callback = Assert.Single(callbacks);
                Assert.Equal((userId.ToString(), $"call-{callSid}", "agent-42", "open"),
                    (FlowDriver.Text(callback, "userId"), FlowDriver.Text(callback, "interactionId"), FlowDriver.Text(callback, "agentId"), FlowDriver.Text(callback, "status")));
                Assert.Equal("AT_RISK", await flow.StageAsync(userId));
                Assert.Contains(await flow.Sandbox.RequestsAsync("campaigns"), request => request.GetProperty("body").GetString()!.Contains("CMP_post_call_recovery", StringComparison.Ordinal));
                break;
            default:
                Assert.Empty(tasks);
                Assert.Empty(callbacks);
                Assert.Equal(("closed", "cqa:auto_close"), (FlowDriver.Text(support, "status"), FlowDriver.Text(support, "resolution")));
                break;
        }
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
