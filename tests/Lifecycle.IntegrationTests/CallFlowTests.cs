using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// Calls we place (api.md <c>POST /api/users/{id}/calls</c>): the requests Exotel receives, the callbacks of
/// <c>/webhooks/exotel/call</c> and <c>/webhooks/exotel/voicebot</c> (POSTed unsigned to the token URL we handed
/// Exotel, or as a flow's Passthru GET) and the ladders of policies.md that follow from them.
/// </summary>
public abstract class CallFlowTests(StoreKind kind) : AppPerTest(kind, Settings)
{
    private const string Token = "call-flow-callback-token";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Webhooks:Tokens:Exotel:0"] = Token,
        ["Exotel:Resilience:AttemptTimeout"] = "00:00:02",
        ["Exotel:Resilience:MaxRetries"] = "3",
    };

    [Theory]
    [InlineData("activation", "voicebot-activation")]
    [InlineData("win_back", "voicebot-win-back")]
    [InlineData("support", "voicebot-support")]
    public async Task A_voicebot_call_connects_the_user_to_the_flow_of_its_purpose_and_its_context_is_read_by_call_sid(string purpose, string flow)
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);

        var callId = await RequestCallAsync(user, new { purpose, context = new { summary = "wants a refund", steps = new[] { 1, 2 } }, ticketId = "T-9" });
        await DrainAsync();

        var request = Assert.Single(Exotel.Requests, r => r.Path.EndsWith("/Calls/connect", StringComparison.Ordinal));
        var call = await CallAsync(callId);
        Assert.Equal(
            (user.Phone!.Value, "+911140000000", $"http://my.exotel.com/test-account/exoml/start_voice/{flow}", Call.CustomFieldOf(user.Id, callId),
                $"http://lifecycle.test/webhooks/exotel/voicebot/{Token}", "terminal"),
            (request.Form["From"], request.Form["CallerId"], request.Form["Url"], request.Form["CustomField"], request.Form["StatusCallback"],
                request.Form["StatusCallbackEvents[0]"]));
        Assert.Equal(CallStatus.Placed, call.Status);

        var context = await App.Api().GetFromJsonAsync<JsonElement>($"/api/calls/{call.CallSid}");
        Assert.Equal((call.CallSid, user.Id.Value.ToString(), purpose, call.CustomField, "wants a refund"),
            (context.GetProperty("callSid").GetString(), context.GetProperty("userId").GetString(), context.GetProperty("purpose").GetString(),
                context.GetProperty("customField").GetString(), context.GetProperty("context").GetProperty("summary").GetString()));
        Assert.True(call.CustomField.Length <= 128);
    }

    [Fact]
    public async Task An_agent_call_is_a_recorded_dual_channel_click_to_call_from_the_agent_reporting_to_the_call_webhook()
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);

        var callId = await RequestCallAsync(user, new { purpose = "agent", agentId = "agent-42" });
        await DrainAsync();

        var request = Assert.Single(Exotel.Requests, r => r.Path.EndsWith("/calls", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(
            ("agent-42", user.Phone!.Value, true, "dual", Call.CustomFieldOf(user.Id, callId), "terminal", $"http://lifecycle.test/webhooks/exotel/call/{Token}"),
            (root.GetProperty("from").GetProperty("user_id").GetString(), root.GetProperty("to").GetProperty("number").GetString(),
                root.GetProperty("recording").GetBoolean(), root.GetProperty("recording_channels").GetString(), root.GetProperty("custom_field").GetString(),
                root.GetProperty("status_callback")[0].GetProperty("event").GetString(), root.GetProperty("status_callback")[0].GetProperty("url").GetString()));
        Assert.NotNull((await CallAsync(callId)).CallSid);
    }

    [Theory]
    [InlineData("{\"purpose\":\"sales\"}", "purpose")]
    [InlineData("{}", "purpose")]
    [InlineData("{\"purpose\":\"agent\"}", "agentId")]
    public async Task A_call_request_with_bad_input_is_refused_naming_the_field(string json, string field)
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);

        var response = await App.Api().PostAsync($"/api/users/{user.Id}/calls", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await App.QueryAsync(db => db.Set<Call>().CountAsync()));
    }

    [Fact]
    public async Task A_call_to_an_unknown_user_is_404_and_to_an_offboarded_user_409()
    {
        var offboarded = await Arrange.UserInStageAsync(App, LifecycleStage.Offboarded);

        var unknown = await App.Api().PostAsJsonAsync($"/api/users/{Guid.NewGuid()}/calls", new { purpose = "support" });
        var gone = await App.Api().PostAsJsonAsync($"/api/users/{offboarded.Id}/calls", new { purpose = "support" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Conflict), (unknown.StatusCode, gone.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await App.Api().GetAsync("/api/calls/CA-none")).StatusCode);
    }

    [Fact]
    public async Task An_agent_call_unanswered_three_times_is_not_tried_a_fourth_time_and_enrolls_the_user_in_the_async_drip()
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        await RequestCallAsync(user, new { purpose = "agent", agentId = "agent-42" });
        await DrainAsync();

        foreach (var status in new[] { "no-answer", "busy", "no-answer" })
        {
            var call = await LatestCallAsync(user);
            await PostCallbackAsync("call", ("CallSid", call.CallSid!), ("Status", status), ("EventType", "terminal"), ("CustomField", call.CustomField));
            await DrainAsync();
            App.Clock.Advance(TimeSpan.FromHours(2));
            await DrainAsync();
        }

        var calls = await CallsAsync(user);
        Assert.Equal([1, 2, 3], calls.Select(call => call.Attempt));
        Assert.Equal(3, Exotel.Requests.Count(r => r.Path.EndsWith("/calls", StringComparison.Ordinal)));
        var enrolment = Assert.Single(await App.QueryAsync(db => db.Outbox.Where(row => row.Type == "EnrollInCampaign").ToListAsync()));
        Assert.Contains("CMP_async_drip", enrolment.Payload);
    }

    [Fact]
    public async Task A_support_voicebot_unanswered_three_times_opens_a_human_outreach_ticket_shown_on_the_timeline()
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        await RequestCallAsync(user, new { purpose = "support" });
        await DrainAsync();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var call = await LatestCallAsync(user);
            await PostCallbackAsync("voicebot", ("CallSid", call.CallSid!), ("Status", "completed"), ("BotSessionId", $"BS{attempt}"),
                ("BotOutcome", "unanswered"), ("CustomField", call.CustomField));
            await DrainAsync();
            App.Clock.Advance(TimeSpan.FromHours(2));
            await DrainAsync();
        }

        Assert.Equal(3, (await CallsAsync(user)).Count);
        var ticket = Assert.Single(await App.QueryAsync(db => db.Set<Ticket>().Where(t => t.UserId == user.Id).ToListAsync()));
        Assert.Equal((TicketKind.HumanOutreach, Ticket.OpenStatus), (ticket.Kind, ticket.Status));
        var timeline = await App.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}/timeline");
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("kind").GetString()).ToList();
        Assert.Equal(3, kinds.Count(kind => kind == "call"));
        Assert.Contains("ticket", kinds);
    }

    [Fact]
    public async Task Two_unanswered_activation_calls_make_the_user_at_risk_and_no_third_call_is_placed()
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        await RequestCallAsync(user, new { purpose = "activation" });
        await DrainAsync();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var call = await LatestCallAsync(user);
            await PostCallbackAsync("voicebot", ("CallSid", call.CallSid!), ("Status", "no-answer"), ("CustomField", call.CustomField));
            await DrainAsync();
            App.Clock.Advance(TimeSpan.FromHours(2));
            await DrainAsync();
        }

        Assert.Equal(2, (await CallsAsync(user)).Count);
        Assert.Equal(LifecycleStage.AtRisk, (await UserAsync(user)).Stage);
    }

    [Theory]
    [InlineData("activation", LifecycleStage.Onboarding, "activated", LifecycleStage.Activated)]
    [InlineData("win_back", LifecycleStage.AtRisk, "offer_accepted", LifecycleStage.Engaged)]
    [InlineData("win_back", LifecycleStage.AtRisk, "declined", LifecycleStage.Churned)]
    [InlineData("support", LifecycleStage.Engaged, "resolved", LifecycleStage.Engaged)]
    [InlineData("win_back", LifecycleStage.Churned, "declined", LifecycleStage.Churned)]
    public async Task A_session_outcome_moves_the_user_as_its_flow_says(string purpose, LifecycleStage from, string outcome, LifecycleStage to)
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, from);
        var call = await PlacedCallAsync(user, purpose);

        await PostCallbackAsync("voicebot", ("CallSid", call.CallSid!), ("Status", "completed"), ("BotSessionId", "BS1"), ("BotOutcome", outcome),
            ("CustomField", call.CustomField), ("ConversationDuration", "95"), ("RecordingUrl", "https://recordings.test/1.mp3"));
        await DrainAsync();

        var after = await UserAsync(user);
        Assert.Equal(to, after.Stage);
        Assert.Equal(Channel.Voicebot, after.LastContactChannel);
        var ended = await CallAsync(call.Id);
        Assert.Equal((CallStatus.Completed, 95, "https://recordings.test/1.mp3", outcome, "BS1"),
            (ended.Status, ended.DurationSeconds, ended.RecordingUrl, ended.BotOutcome, ended.BotSessionId));
    }

    [Theory]
    [InlineData("win_back", "retention-agents")]
    [InlineData("support", "support-tier1")]
    [InlineData("activation", "onboarding-agents")]
    public async Task An_escalated_session_hands_the_conversation_to_the_flows_agent_queue(string purpose, string queue)
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.AtRisk);
        var call = await PlacedCallAsync(user, purpose);

        await PassthruAsync("voicebot", Token, ("CallSid", call.CallSid!), ("CallType", "call-attempt"), ("BotOutcome", "Escalated_To_Agent"), ("CustomField", call.CustomField));
        await DrainAsync();

        var conversation = await App.QueryAsync(db => db.Set<Conversation>().SingleAsync(c => c.Id == call.ConversationId));
        Assert.Equal((queue, Channel.Voicebot, call.CallSid), (conversation.Queue, conversation.Channel, conversation.SessionId));
        Assert.Equal(CallStatus.Placed, (await CallAsync(call.Id)).Status);
    }

    [Fact]
    public async Task A_passthru_get_is_accepted_with_the_token_deduplicated_and_refused_without_it()
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        var call = await PlacedCallAsync(user, "agent");
        (string, string)[] query = [("CallSid", call.CallSid!), ("CallType", "completed"), ("EventType", "call-connect"), ("AgentId", "agent-42"),
            ("Queue", "support-tier1"), ("digits", "\"12\""), ("CustomField", call.CustomField)];

        var first = await PassthruAsync("call", Token, query);
        var again = await PassthruAsync("call", Token, query);
        var forged = await PassthruAsync("call", "not-the-token", query);
        await DrainAsync();

        Assert.Equal(("accepted", "duplicate", HttpStatusCode.Unauthorized), (await StatusOfAsync(first), await StatusOfAsync(again), forged.StatusCode));
        Assert.Equal(1, await App.QueryAsync(db => db.Inbox.CountAsync()));
        var conversation = await App.QueryAsync(db => db.Set<Conversation>().Include(c => c.Steps).SingleAsync(c => c.Id == call.ConversationId));
        Assert.Equal("support-tier1", conversation.Queue);
        Assert.Contains(conversation.Steps, step => step.Step == "call-connect" && step.Detail == "agent-42");
    }

    [Fact]
    public async Task A_completed_agent_call_longer_than_the_minimum_is_a_voice_contact_and_on_the_timeline()
    {
        AnswerCalls();
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        var call = await PlacedCallAsync(user, "agent");

        await PostCallbackAsync("call", ("CallSid", call.CallSid!), ("Status", "completed"), ("EventType", "terminal"), ("CustomField", call.CustomField),
            ("ConversationDuration", "31"), ("RecordingUrl", "https://recordings.test/2.mp3"));
        await DrainAsync();

        Assert.Equal(Channel.Voice, (await UserAsync(user)).LastContactChannel);
        var timeline = await App.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}/timeline");
        var entry = Assert.Single(timeline.GetProperty("items").EnumerateArray(), item => item.GetProperty("kind").GetString() == "call");
        Assert.Equal((call.CallSid, "agent", "completed", 31),
            (entry.GetProperty("callSid").GetString(), entry.GetProperty("purpose").GetString(), entry.GetProperty("status").GetString(),
                entry.GetProperty("durationSeconds").GetInt32()));
    }

    [Fact]
    public async Task A_call_whose_request_timed_out_after_it_was_written_is_recorded_unknown_and_never_placed_again()
    {
        Exotel.Holds = request => request.Path.EndsWith("/Calls/connect", StringComparison.Ordinal);
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        var callId = await RequestCallAsync(user, new { purpose = "support" });

        await DrainAsync();
        App.Clock.Advance(TimeSpan.FromHours(1));
        await DrainAsync();

        Assert.Single(Exotel.Requests, r => r.Path.EndsWith("/Calls/connect", StringComparison.Ordinal));
        Assert.Equal(CallStatus.Unknown, (await CallAsync(callId)).Status);
        Assert.Equal(0, await App.QueryAsync(db => db.Outbox.CountAsync(row => row.Status == WorkStatus.Pending)));
    }

    [Fact]
    public async Task A_refused_call_is_recorded_and_not_retried()
    {
        Exotel.Reply = request => request.Path.EndsWith("/Calls/connect", StringComparison.Ordinal)
            ? new CannedReply(HttpStatusCode.BadRequest, """{"RestException":{"Status":400,"Message":"CUSTOM_FIELD_TOO_LONG","Code":34001}}""")
            : null;
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        var callId = await RequestCallAsync(user, new { purpose = "support" });

        await DrainAsync();
        App.Clock.Advance(TimeSpan.FromHours(3));
        await DrainAsync();

        var call = await CallAsync(callId);
        Assert.Equal(CallStatus.Refused, call.Status);
        Assert.Single(Exotel.Requests, r => r.Path.EndsWith("/Calls/connect", StringComparison.Ordinal));
        Assert.Equal(0, await App.QueryAsync(db => db.Timers.CountAsync(row => row.Status == WorkStatus.Pending)));
    }

    /// <summary>Exotel takes every call: v1 answers its <c>Call</c> envelope, v2 CCM its <c>response.call_sid</c>.</summary>
    private void AnswerCalls() =>
        Exotel.Reply = request =>
        {
            var sid = $"CA{Guid.NewGuid():N}";
            return request.Path.EndsWith("/Calls/connect", StringComparison.Ordinal)
                ? new CannedReply(HttpStatusCode.OK, JsonSerializer.Serialize(new { Call = new { Sid = sid, Status = "queued" } }))
                : request.Path.EndsWith("/calls", StringComparison.Ordinal)
                    ? new CannedReply(HttpStatusCode.OK, JsonSerializer.Serialize(new { response = new { call_sid = sid } }))
                    : null;
        };

    private async Task<Guid> RequestCallAsync(User user, object body)
    {
        var response = await App.Api().PostAsJsonAsync($"/api/users/{user.Id}/calls", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callId").GetGuid();
    }

    private async Task<Call> PlacedCallAsync(User user, string purpose)
    {
        var callId = await RequestCallAsync(user, new { purpose, agentId = purpose == "agent" ? "agent-42" : null });
        await DrainAsync();
        return await CallAsync(callId);
    }

    private async Task PostCallbackAsync(string product, params (string Name, string Value)[] fields)
    {
        var response = await Webhook.PostUnsignedAsync(
            App, $"http://lifecycle.test/webhooks/exotel/{product}/{Token}", Webhook.Form(fields), "application/x-www-form-urlencoded");
        Assert.Equal("accepted", await StatusOfAsync(response));
    }

    private Task<HttpResponseMessage> PassthruAsync(string product, string token, params (string Name, string Value)[] fields) =>
        App.CreateClient().GetAsync($"/webhooks/exotel/{product}/{token}?{Webhook.Form(fields)}");

    private static async Task<string?> StatusOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();

    private async Task DrainAsync()
    {
        for (var round = 0; round < 2; round++)
        {
            await App.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
            await App.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
            await App.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
        }
    }

    private Task<Call> CallAsync(Guid id) => App.QueryAsync(db => db.Set<Call>().AsNoTracking().SingleAsync(call => call.Id == id));

    private async Task<List<Call>> CallsAsync(User user) =>
        [.. (await App.QueryAsync(db => db.Set<Call>().AsNoTracking().Where(call => call.UserId == user.Id).ToListAsync())).OrderBy(call => call.Attempt)];

    private async Task<Call> LatestCallAsync(User user) => (await CallsAsync(user))[^1];

    private Task<User> UserAsync(User user) => App.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
}

public sealed class CallFlowOnSqlite() : CallFlowTests(StoreKind.Sqlite);

public sealed class CallFlowOnPostgres() : CallFlowTests(StoreKind.Postgres);
