using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.WebUtilities;
using static Lifecycle.IntegrationTests.Sandbox.SandboxHarness;

namespace Lifecycle.IntegrationTests.Sandbox;

public sealed class VoiceSandboxTests
{
    private const string VirtualNumber = "+911140000000";

    [Fact]
    public async Task Calls_connect_completes_with_a_signed_form_callback_and_a_recording()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();

        var response = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Calls/connect", Connect(sandbox, phone, to: AgentNumber));
        var call = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Call")!;
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/exotel/call");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sid = call.Element("Sid")!.Value;
        Assert.Matches("^CA[0-9a-f]{32}$", sid);
        Assert.Equal("in-progress", call.Element("Status")!.Value);
        Assert.Equal("application/x-www-form-urlencoded", callback.ContentType);
        Assert.True(callback.IsSignedWith(CallbackSecret));
        var form = callback.Form;
        Assert.Equal(sid, form["CallSid"]);
        Assert.Equal("completed", form["Status"]);
        Assert.Equal("45", form["Duration"]);
        Assert.Equal("terminal", form["EventType"]);
        Assert.Equal("user:7", form["CustomField"]);
        Assert.False(form.ContainsKey("BotOutcome"));
        using var http = new HttpClient();
        var recording = await http.GetAsync(form["RecordingUrl"]);
        Assert.Equal("audio/wav", recording.Content.Headers.ContentType?.MediaType);

        var status = await sandbox.Api.GetFromJsonAsync<JsonElement>($"/v1/Accounts/{AccountSid}/Calls/{sid}.json");
        Assert.Equal("completed", status.GetProperty("Call").GetProperty("Status").GetString());
        Assert.Equal(45, status.GetProperty("Call").GetProperty("Duration").GetInt32());
    }

    [Fact]
    public async Task A_custom_field_over_128_characters_is_refused_on_calls_connect()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.Api.PostAsync(
            $"/v1/Accounts/{AccountSid}/Calls/connect.json",
            Connect(sandbox, NewPhone(), to: AgentNumber, customField: new string('c', 129)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("CUSTOM_FIELD_TOO_LONG", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("RestException").GetProperty("Code").GetString());
    }

    [Fact]
    public async Task A_voicebot_flow_ends_with_a_bot_session_and_outcome_resolved_by_default()
    {
        await using var sandbox = await StartAsync();

        var sid = await ConnectAsync(sandbox, NewPhone(), Flow);
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/exotel/call");

        Assert.Equal(sid, callback.Form["CallSid"]);
        Assert.Equal("completed", callback.Form["Status"]);
        Assert.Equal("resolved", callback.Form["BotOutcome"]);
        Assert.StartsWith("BS_", callback.Form["BotSessionId"]);
    }

    [Fact]
    public async Task The_end_user_decides_a_voicebot_outcome_through_the_control_api()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        (await sandbox.AddRulesAsync(new { product = "voicebot", phone, delay = "01:00:00" })).EnsureSuccessStatusCode();
        var sid = await ConnectAsync(sandbox, phone, Flow);

        var answer = await sandbox.Control.PostAsync($"/sandbox/voicebot/{sid}/outcome", Json(new { outcome = "activated" }));
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/exotel/call");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(callback.IsSignedWith(CallbackSecret));
        Assert.Equal(sid, callback.Form["CallSid"]);
        Assert.Equal("completed", callback.Form["Status"]);
        Assert.Equal("activated", callback.Form["BotOutcome"]);
        Assert.Equal("user:7", callback.Form["CustomField"]);
        Assert.Equal("45", callback.Form["Duration"]);
        Assert.StartsWith("BS_", callback.Form["BotSessionId"]);
        Assert.Equal("activated", sandbox.State.FindCall(sid)!.BotOutcome);
    }

    [Fact]
    public async Task An_agent_escalation_sends_call_connect_and_call_end_to_the_call_webhook_then_the_flows_end()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        (await sandbox.AddRulesAsync(new { product = "voicebot", phone, delay = "01:00:00" })).EnsureSuccessStatusCode();
        var sid = await ConnectAsync(sandbox, phone, Flow);

        var answer = await sandbox.Control.PostAsync($"/sandbox/calls/{sid}/agent", Json(new { agentId = "agent-42", queue = "support-tier1", duration = 90 }));
        var (connect, end, final) = (await sandbox.Receiver.NextToAsync("/webhooks/exotel/call"), await sandbox.Receiver.NextToAsync("/webhooks/exotel/call"),
            await sandbox.Receiver.NextToAsync("/webhooks/exotel/call"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.All([connect, end, final], callback => Assert.True(callback.IsSignedWith(CallbackSecret)));
        Assert.Equal((sid, "call-connect", "in-progress", "agent-42", "support-tier1", "user:7"),
            (connect.Form["CallSid"], connect.Form["EventType"], connect.Form["Status"], connect.Form["AgentId"], connect.Form["Queue"], connect.Form["CustomField"]));
        Assert.Equal(("call-end", "completed", "90"), (end.Form["EventType"], end.Form["Status"], end.Form["ConversationDuration"]));
        Assert.EndsWith($"/sandbox/recordings/{sid}.wav", end.Form["RecordingUrl"]);
        Assert.Equal(("terminal", "completed", "escalated_to_agent"), (final.Form["EventType"], final.Form["Status"], final.Form["BotOutcome"]));
        Assert.Equal("escalated_to_agent", sandbox.State.FindCall(sid)!.BotOutcome);
    }

    [Fact]
    public async Task An_agent_escalation_needs_an_agent_and_a_queue_and_a_known_voicebot_call()
    {
        await using var sandbox = await StartAsync(WithVoiceOtpGreeting);
        var greetingCall = await ConnectAsync(sandbox, NewPhone(), GreetingFlow);

        var incomplete = await sandbox.Control.PostAsync("/sandbox/calls/CA_none/agent", Json(new { agentId = "agent-42" }));
        var unknown = await sandbox.Control.PostAsync("/sandbox/calls/CA_none/agent", Json(new { agentId = "agent-42", queue = "support-tier1" }));
        var notABot = await sandbox.Control.PostAsync($"/sandbox/calls/{greetingCall}/agent", Json(new { agentId = "agent-42", queue = "support-tier1" }));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict), (incomplete.StatusCode, unknown.StatusCode, notABot.StatusCode));
    }

    [Fact]
    public async Task An_unanswered_bot_call_reports_no_answer_and_a_busy_rule_reports_busy()
    {
        await using var sandbox = await StartAsync();
        var (unanswered, busy) = (NewPhone(), NewPhone());
        (await sandbox.AddRulesAsync(
            new { product = "voicebot", phone = unanswered, outcome = "unanswered" },
            new { product = "calls", phone = busy, outcome = "busy" })).EnsureSuccessStatusCode();

        var botSid = await ConnectAsync(sandbox, unanswered, Flow);
        var callSid = await ConnectAsync(sandbox, busy, to: AgentNumber);
        var bot = await sandbox.Receiver.NextToAsync("/webhooks/exotel/call", request => request.Form["CallSid"] == botSid);
        var call = await sandbox.Receiver.NextToAsync("/webhooks/exotel/call", request => request.Form["CallSid"] == callSid);

        Assert.Equal("no-answer", bot.Form["Status"]);
        Assert.Equal("unanswered", bot.Form["BotOutcome"]);
        Assert.Equal("0", bot.Form["Duration"]);
        Assert.False(bot.Form.ContainsKey("RecordingUrl"));
        Assert.Equal("busy", call.Form["Status"]);
    }

    [Fact]
    public async Task A_greeting_flow_heads_then_gets_its_text_url_with_the_call_and_a_code_it_speaks_becomes_the_phones_otp()
    {
        await using var sandbox = await StartAsync(WithVoiceOtpGreeting);
        var phone = NewPhone();
        sandbox.Receiver.Reply = request => request.Path == "/exoml/voice-otp"
            ? (200, request.Method == "HEAD" ? "" : "Your code is 4 8 2 9 1 6. Again, your code is 4 8 2 9 1 6.", "text/plain")
            : (200, "{}", "application/json");

        var sid = await ConnectAsync(sandbox, phone, GreetingFlow, customField: "voice-otp:token-1");
        await sandbox.Receiver.NextToAsync("/webhooks/exotel/call");
        var otp = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/sandbox/otp/{Uri.EscapeDataString(phone)}");

        var reads = sandbox.Receiver.All.Where(request => request.Path == "/exoml/voice-otp").ToList();
        Assert.Equal(["HEAD", "GET"], reads.Select(request => request.Method));
        Assert.All(reads, read =>
        {
            var query = QueryHelpers.ParseQuery(read.Query);
            Assert.Equal((sid, phone, VirtualNumber, "voice-otp:token-1"), (query["CallSid"].ToString(), query["From"].ToString(), query["To"].ToString(), query["CustomField"].ToString()));
        });
        Assert.Equal("482916", otp.GetProperty("otp").GetString());
        Assert.Equal("voice", otp.GetProperty("source").GetString());
        Assert.Equal(sid, otp.GetProperty("callSid").GetString());
        Assert.Equal("482916", sandbox.State.LatestOtp(phone));
        var call = sandbox.State.FindCall(sid)!;
        Assert.False(call.IsVoicebot);
        Assert.StartsWith("Your code is 4 8 2 9 1 6.", call.GreetingText);
    }

    [Fact]
    public async Task A_greeting_whose_head_is_not_plain_text_speaks_nothing()
    {
        await using var sandbox = await StartAsync(WithVoiceOtpGreeting);
        var phone = NewPhone();
        sandbox.Receiver.Reply = request => request.Path == "/exoml/voice-otp"
            ? (200, "<Response><Say>Your code is 4 8 2 9 1 6</Say></Response>", "application/xml")
            : (200, "{}", "application/json");

        var sid = await ConnectAsync(sandbox, phone, GreetingFlow);
        await sandbox.Receiver.NextToAsync("/webhooks/exotel/call");

        Assert.Equal(["HEAD"], sandbox.Receiver.All.Where(request => request.Path == "/exoml/voice-otp").Select(request => request.Method));
        Assert.Null(sandbox.State.LatestOtp(phone));
        Assert.Null(sandbox.State.FindCall(sid)!.GreetingText);
    }

    [Theory]
    [InlineData("https://example.com/exoml/voice-otp/token-1")]
    [InlineData("https://my.exotel.com/test-account/exoml/fetch/activation-flow")]
    [InlineData("http://my.exotel.com/another-account/exoml/start_voice/activation-flow")]
    public async Task A_url_that_is_not_a_start_voice_flow_of_the_account_is_refused(string url)
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Calls/connect.json", Connect(sandbox, NewPhone(), url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_PARAMETER", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("RestException").GetProperty("Code").GetString());
    }

    [Fact]
    public async Task A_ccm_click_to_call_answers_call_details_and_completes_with_a_form_callback()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        var body = new
        {
            from = new { user_id = "agent-uuid" },
            to = new { number = phone },
            virtual_number = VirtualNumber,
            recording = true,
            recording_channels = "dual",
            custom_field = "user_id:u_1|ticket:TK_1",
            status_callback = new[] { new { @event = "terminal", url = sandbox.Receiver.Url("/webhooks/exotel/call") } },
        };

        var response = await sandbox.Api.PostAsync($"/v2/accounts/{AccountSid}/calls", Json(body));
        var details = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("call_details");
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/exotel/call");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^CA[0-9a-f]{32}$", details.GetProperty("sid").GetString());
        Assert.Equal(details.GetProperty("sid").GetString(), callback.Form["CallSid"]);
        Assert.Equal("completed", callback.Form["Status"]);
        Assert.Equal("user_id:u_1|ticket:TK_1", callback.Form["CustomField"]);
        Assert.NotEmpty(callback.Form["RecordingUrl"]);
    }

    private const string AgentNumber = "+919812345678";

    private static string Flow => $"http://my.exotel.com/{AccountSid}/exoml/start_voice/activation-flow";

    /// <summary>The flow <c>voice-otp-flow</c> is a Greeting reading its text from the receiver's <c>/exoml/voice-otp</c>.</summary>
    private static void WithVoiceOtpGreeting(Exotel.Sandbox.SandboxOptions options) =>
        options.GreetingTextUrls["voice-otp-flow"] = $"{options.WebhookBaseUrl!.TrimEnd('/')}/exoml/voice-otp";

    private static string GreetingFlow => $"http://my.exotel.com/{AccountSid}/exoml/start_voice/voice-otp-flow";

    private static FormUrlEncodedContent Connect(SandboxHarness sandbox, string phone, string? url = null, string? to = null, string customField = "user:7") => Form(
        [
            ("From", phone), ("CallerId", VirtualNumber), .. url is null ? [] : new[] { ("Url", url) }, .. to is null ? [] : new[] { ("To", to) },
            ("CustomField", customField), ("StatusCallback", sandbox.Receiver.Url("/webhooks/exotel/call")), ("StatusCallbackEvents[0]", "terminal"),
            ("Record", "true"), ("RecordingChannels", "dual"),
        ]);

    private static async Task<string> ConnectAsync(SandboxHarness sandbox, string phone, string? url = null, string? to = null, string customField = "user:7")
    {
        var response = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Calls/connect.json", Connect(sandbox, phone, url, to, customField));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Call").GetProperty("Sid").GetString()!;
    }
}
