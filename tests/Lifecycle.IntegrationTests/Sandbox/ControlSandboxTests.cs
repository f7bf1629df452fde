using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Lifecycle.IntegrationTests.Sandbox.SandboxHarness;

namespace Lifecycle.IntegrationTests.Sandbox;

public sealed class ControlSandboxTests
{
    [Fact]
    public async Task Recorded_requests_keep_method_path_content_type_credentials_and_form()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        await sandbox.SendSmsAsync(phone);

        var recorded = await sandbox.Control.GetFromJsonAsync<JsonElement>("/sandbox/requests?product=sms");
        var none = await sandbox.Control.GetFromJsonAsync<JsonElement>("/sandbox/requests?product=whatsapp");

        var request = Assert.Single(recorded.EnumerateArray());
        Assert.Equal("POST", request.GetProperty("method").GetString());
        Assert.Equal($"/v1/Accounts/{AccountSid}/Sms/send.json", request.GetProperty("path").GetString());
        Assert.StartsWith("application/x-www-form-urlencoded", request.GetProperty("contentType").GetString());
        Assert.StartsWith("Basic ", request.GetProperty("authorization").GetString());
        Assert.Equal(phone, request.GetProperty("form").GetProperty("To").GetString());
        Assert.Equal(200, request.GetProperty("responseStatus").GetInt32());
        Assert.Empty(none.EnumerateArray());
    }

    [Fact]
    public async Task An_invalid_rule_is_refused_and_nothing_is_added()
    {
        await using var sandbox = await StartAsync();

        var typo = await sandbox.AddRulesAsync(new { product = "sms", outcome = "undeliverd" });
        var unknownField = await sandbox.AddRulesAsync(new { product = "sms", outcom = "undelivered" });

        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("undeliverd", await typo.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Empty(sandbox.State.Scenarios.Rules);
    }

    [Fact]
    public async Task Rules_added_later_win_over_the_scenario_file_and_deleting_them_returns_to_the_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sandbox-scenarios-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            { "rules": [
                { "description": "every 9199 number fails", "product": "sms", "phone": "+9199*", "outcome": "failed" }
            ] }
            """);
        try
        {
            await using var sandbox = await StartAsync(options => options.ScenarioFile = file);
            var phone = "+919912345678";

            await sandbox.SendSmsAsync(phone);
            var fromFile = await sandbox.Receiver.NextToAsync("/webhooks/exotel/sms");
            (await sandbox.AddRulesAsync(new { product = "sms", phone, outcome = "failed_dnd" })).EnsureSuccessStatusCode();
            await sandbox.SendSmsAsync(phone);
            var added = await sandbox.Receiver.NextToAsync("/webhooks/exotel/sms");
            (await sandbox.Control.DeleteAsync("/sandbox/scenarios")).EnsureSuccessStatusCode();
            await sandbox.SendSmsAsync(phone);
            var afterDelete = await sandbox.Receiver.NextToAsync("/webhooks/exotel/sms");

            Assert.Equal("failed", fromFile.Form["Status"]);
            Assert.Equal("failed_dnd", added.Form["Status"]);
            Assert.Equal("23005", added.Form["DetailedStatusCode"]);
            Assert.Equal("failed", afterDelete.Form["Status"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_latency_rule_answers_the_api_request_late()
    {
        var (sandbox, clock) = await StartWithFakeClockAsync();
        await using var _ = sandbox;
        var phone = NewPhone();
        (await sandbox.AddRulesAsync(new { product = "sms", phone, latency = "00:00:30", times = 1 })).EnsureSuccessStatusCode();

        var slow = sandbox.SendSmsAsync(phone);
        var waited = Stopwatch.StartNew();
        while (sandbox.State.Requests("sms").Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        Assert.False(slow.IsCompleted);

        // The request is recorded just before its delay starts: move the clock until that delay has run out.
        waited.Restart();
        while (!slow.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(5);
        }

        Assert.Equal(HttpStatusCode.OK, (await slow.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
    }

    [Fact]
    public async Task Chatbot_events_are_forwarded_signed_with_a_timestamp_added()
    {
        await using var sandbox = await StartAsync();

        var answer = await sandbox.Control.PostAsync("/sandbox/chatbot/events", Json(new { @event = "call_consent", session_id = "CS_1", user_id = "u_1", summary = "wants a call" }));
        var webhook = await sandbox.Receiver.NextToAsync("/webhooks/exotel/chatbot");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(webhook.IsSignedWith(CallbackSecret));
        Assert.Equal("call_consent", webhook.Json.GetProperty("event").GetString());
        Assert.Equal("CS_1", webhook.Json.GetProperty("session_id").GetString());
        Assert.True(DateTimeOffset.TryParse(webhook.Json.GetProperty("timestamp").GetString(), out _));
    }

    [Fact]
    public async Task Enrolment_is_idempotent_and_plays_the_campaign_events()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        var body = new { campaign_id = "CMP_onboarding_day7", contacts = new[] { new { phone, custom_fields = new { user_id = "u_12345" } } } };

        var first = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Campaigns/enroll", Json(body));
        var again = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Campaigns/enroll", Json(body));
        var sent = await sandbox.Receiver.NextToAsync("/webhooks/exotel/campaigns");
        var delivered = await sandbox.Receiver.NextToAsync("/webhooks/exotel/campaigns");
        var responded = await sandbox.Control.PostAsync("/sandbox/campaigns/CMP_onboarding_day7/events", Json(new { phone, @event = "responded" }));
        var response = await sandbox.Receiver.NextToAsync("/webhooks/exotel/campaigns");

        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("enrolled").GetInt32());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(sandbox.State.Enrollments);
        // Each event is its own HTTP request, timed apart: like Exotel's callbacks, they may land in either order.
        Assert.Equal(["delivered", "sent"], new[] { sent, delivered }.Select(played => played.Json.GetProperty("event").GetString()).Order());
        Assert.All(new[] { sent, delivered }, played => Assert.Equal("u_12345", played.Json.GetProperty("user_id").GetString()));
        Assert.True(delivered.IsSignedWith(CallbackSecret));
        Assert.Equal(HttpStatusCode.OK, responded.StatusCode);
        Assert.Equal("responded", response.Json.GetProperty("event").GetString());
        Assert.Equal("u_12345", response.Json.GetProperty("user_id").GetString());
        Assert.Equal(2, sandbox.Receiver.All.Count(request => request.Path == "/webhooks/exotel/campaigns" && request.Json.GetProperty("event").GetString() != "responded"));
    }

    [Fact]
    public async Task Reset_forgets_everything_but_the_scenario_file()
    {
        await using var sandbox = await StartAsync();
        await sandbox.SendSmsAsync(NewPhone());
        (await sandbox.AddRulesAsync(new { product = "sms", outcome = "failed" })).EnsureSuccessStatusCode();

        (await sandbox.Control.PostAsync("/sandbox/reset", null)).EnsureSuccessStatusCode();

        Assert.Empty(sandbox.State.Sms);
        Assert.Empty(sandbox.State.Requests());
        Assert.Empty(sandbox.State.Scenarios.Rules);
    }
}
