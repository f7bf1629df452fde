using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Lifecycle.IntegrationTests.Sandbox.SandboxHarness;

namespace Lifecycle.IntegrationTests.Sandbox;

public sealed class WhatsAppSandboxTests
{
    private const string BusinessNumber = "+919100000000";

    [Fact]
    public async Task An_approved_template_is_accepted_and_reported_sent_then_delivered_in_exotels_dlr_shape()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();

        var response = await SendAsync(sandbox, Template(phone, "onboarding_welcome_v2"));
        var entry = Assert.Single(await EntriesAsync(response));
        var sid = entry.GetProperty("data").GetProperty("sid").GetString();
        // Two callbacks a moment apart; on a busy machine the second may overtake the first.
        ReceivedRequest[] callbacks =
        [
            await sandbox.Receiver.NextToAsync("/webhooks/exotel/whatsapp"),
            await sandbox.Receiver.NextToAsync("/webhooks/exotel/whatsapp"),
        ];
        var sent = callbacks.Select(Event).MinBy(report => report.GetProperty("exo_status_code").GetInt32());
        var delivered = callbacks.Select(Event).MaxBy(report => report.GetProperty("exo_status_code").GetInt32());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(202, entry.GetProperty("code").GetInt32());
        Assert.Equal("success", entry.GetProperty("status").GetString());
        Assert.Matches("^WA[0-9a-f]{32}$", sid);
        Assert.All(callbacks, callback => Assert.StartsWith("application/json", callback.ContentType));
        Assert.All(callbacks, callback => Assert.True(callback.IsSignedWith(CallbackSecret)));
        Assert.Equal("dlr", sent.GetProperty("callback_type").GetString());
        Assert.Equal(sid, sent.GetProperty("sid").GetString());
        Assert.Equal(phone.TrimStart('+'), sent.GetProperty("to").GetString());
        Assert.Equal(30001, sent.GetProperty("exo_status_code").GetInt32());
        Assert.Equal("msg-1", sent.GetProperty("custom_data").GetString());
        Assert.Equal(30002, delivered.GetProperty("exo_status_code").GetInt32());
        Assert.Equal("EX_MESSAGE_DELIVERED", delivered.GetProperty("exo_detailed_status").GetString());
        Assert.Equal("msg-1", sandbox.State.FindWhatsAppMessage(sid!)!.CustomData);
    }

    [Theory]
    [InlineData("onboarding_welcome_v3_pending", "TEMPLATE_NOT_APPROVED")]
    [InlineData("no_such_template", "TEMPLATE_NOT_FOUND")]
    public async Task A_template_that_is_not_approved_or_unknown_is_refused(string template, string code)
    {
        await using var sandbox = await StartAsync();

        var response = await SendAsync(sandbox, Template(NewPhone(), template));
        var entry = Assert.Single(await EntriesAsync(response));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("failure", entry.GetProperty("status").GetString());
        Assert.Equal(code, entry.GetProperty("error_data").GetProperty("error_code").GetString());
        Assert.Empty(sandbox.State.WhatsAppMessages);
    }

    [Fact]
    public async Task Free_form_outside_the_window_is_hsm_message_only_and_inside_it_after_an_inbound_message_is_accepted()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();

        var before = await SendAsync(sandbox, Text(phone, "Ready to activate?"));
        var inbound = await sandbox.Control.PostAsync("/sandbox/whatsapp/inbound", Json(new { from = phone, body = "hi", buttonPayload = "activate_yes" }));
        var webhook = await sandbox.Receiver.NextToAsync("/webhooks/exotel/whatsapp");
        var after = await SendAsync(sandbox, Text(phone, "Ready to activate?"));

        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Equal("HSM_MESSAGE_ONLY", Assert.Single(await EntriesAsync(before)).GetProperty("error_data").GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.OK, inbound.StatusCode);
        Assert.True(webhook.IsSignedWith(CallbackSecret));
        var message = Event(webhook);
        Assert.Equal("icm", message.GetProperty("callback_type").GetString());
        Assert.Equal(phone.TrimStart('+'), message.GetProperty("from").GetString());
        Assert.Equal("button", message.GetProperty("content").GetProperty("type").GetString());
        Assert.Equal("hi", message.GetProperty("content").GetProperty("button").GetProperty("text").GetString());
        Assert.Equal("activate_yes", message.GetProperty("content").GetProperty("button").GetProperty("payload").GetString());
        Assert.StartsWith("WA", message.GetProperty("sid").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("success", Assert.Single(await EntriesAsync(after)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_window_closes_24_hours_after_the_last_inbound_message()
    {
        var (sandbox, clock) = await StartWithFakeClockAsync();
        await using var _ = sandbox;
        var phone = NewPhone();
        (await sandbox.Control.PostAsync("/sandbox/whatsapp/inbound", Json(new { from = phone, body = "hello" }))).EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromHours(23));
        var inside = await SendAsync(sandbox, Text(phone, "still here"));
        clock.Advance(TimeSpan.FromHours(2));
        var outside = await SendAsync(sandbox, Text(phone, "too late"));

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
    }

    [Fact]
    public async Task A_mixed_batch_answers_200_with_one_entry_per_message_in_order()
    {
        await using var sandbox = await StartAsync();
        var (first, second) = (NewPhone(), NewPhone());
        var body = new
        {
            custom_data = "batch-1",
            status_callback = sandbox.Receiver.Url("/webhooks/exotel/whatsapp"),
            whatsapp = new { messages = new object[] { Message(first, "onboarding_welcome_v2"), Message(second, "no_such_template") } },
        };

        var response = await sandbox.Api.PostAsync($"/v2/accounts/{AccountSid}/messages", Json(body));
        var entries = await EntriesAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["success", "failure"], entries.Select(entry => entry.GetProperty("status").GetString()));
        Assert.Equal(first, Assert.Single(sandbox.State.WhatsAppMessages).To);
    }

    [Fact]
    public async Task A_failure_rule_reports_its_status_code()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        (await sandbox.AddRulesAsync(new { product = "whatsapp", phone, outcome = "failed", statusCode = 30008 })).EnsureSuccessStatusCode();

        await SendAsync(sandbox, Template(phone, "onboarding_welcome_v2"));
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/exotel/whatsapp");

        Assert.Equal(30008, Event(callback).GetProperty("exo_status_code").GetInt32());
    }

    /// <summary>The one event of a callback in Exotel's <c>{"whatsapp":{"messages":[…]}}</c> shape.</summary>
    private static JsonElement Event(ReceivedRequest callback) =>
        Assert.Single(callback.Json.GetProperty("whatsapp").GetProperty("messages").EnumerateArray().ToList());

    private static Task<HttpResponseMessage> SendAsync(SandboxHarness sandbox, object body) =>
        sandbox.Api.PostAsync($"/v2/accounts/{AccountSid}/messages", Json(body));

    private static async Task<List<JsonElement>> EntriesAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("whatsapp").GetProperty("messages").EnumerateArray()];

    private static object Message(string to, string template) => new
    {
        from = BusinessNumber,
        to,
        content = new
        {
            type = "template",
            template = new
            {
                name = template,
                language = new { code = "en" },
                components = new[] { new { type = "body", parameters = new[] { new { type = "text", text = "Priya" } } } },
            },
        },
    };

    private static object Template(string to, string template) => new
    {
        custom_data = "msg-1",
        whatsapp = new { messages = new[] { Message(to, template) } },
    };

    private static object Text(string to, string text) => new
    {
        custom_data = "msg-2",
        whatsapp = new { messages = new[] { new { from = BusinessNumber, to, content = new { type = "text", text = new { body = text } } } } },
    };
}
