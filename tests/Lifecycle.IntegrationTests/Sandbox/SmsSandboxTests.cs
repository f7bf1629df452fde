using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using static Lifecycle.IntegrationTests.Sandbox.SandboxHarness;

namespace Lifecycle.IntegrationTests.Sandbox;

public sealed class SmsSandboxTests
{
    [Fact]
    public async Task Send_without_suffix_answers_TwilioResponse_xml_and_with_json_suffix_answers_the_json_envelope()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();

        var xml = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Sms/send", sandbox.SmsForm(phone));
        var json = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Sms/send.json", sandbox.SmsForm(phone));

        Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
        Assert.StartsWith("application/xml", xml.Content.Headers.ContentType?.ToString());
        var message = XDocument.Parse(await xml.Content.ReadAsStringAsync()).Root!.Element("SMSMessage")!;
        Assert.Matches("^SM[0-9a-f]{32}$", message.Element("Sid")!.Value);
        Assert.Equal(phone, message.Element("To")!.Value);
        Assert.Equal("queued", message.Element("Status")!.Value);
        Assert.Equal("message:42", message.Element("CustomField")!.Value);
        Assert.Equal(AccountSid, message.Element("AccountSid")!.Value);

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.StartsWith("application/json", json.Content.Headers.ContentType?.ToString());
        var sms = (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("SMSMessage");
        Assert.Matches("^SM[0-9a-f]{32}$", sms.GetProperty("Sid").GetString());
        Assert.Equal(21010, sms.GetProperty("DetailedStatusCode").GetInt32());
        Assert.Equal(2, sandbox.State.Sms.Count);
    }

    [Theory]
    [InlineData("/Sms/send", false)]
    [InlineData("/Sms/send", true)]
    [InlineData("/Sms/send.json", false)]
    [InlineData("/Sms/send.json", true)]
    public async Task Bad_or_missing_credentials_answer_401_in_the_error_envelope_of_the_path(string path, bool wrongToken)
    {
        await using var sandbox = await StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(sandbox.Sandbox.BaseUrl) };
        if (wrongToken)
        {
            client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("test-key:wrong-token"u8.ToArray()));
        }

        var response = await client.PostAsync($"/v1/Accounts/{AccountSid}{path}", sandbox.SmsForm(NewPhone()));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = path.EndsWith(".json", StringComparison.Ordinal)
            ? JsonDocument.Parse(body).RootElement.GetProperty("RestException").GetProperty("Status").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : XDocument.Parse(body).Root!.Element("RestException")!.Element("Status")!.Value;
        Assert.Equal("401", status);
        Assert.Empty(sandbox.State.Sms);
        Assert.Single(sandbox.State.Requests("sms"));
    }

    [Fact]
    public async Task Credentials_for_another_account_are_refused()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.Api.PostAsync("/v1/Accounts/someone-else/Sms/send.json", sandbox.SmsForm(NewPhone()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("DltEntityId", null, "DLT_ENTITY_ID_MISSING")]
    [InlineData("DltTemplateId", null, "DLT_TEMPLATE_ID_MISSING")]
    [InlineData("DltTemplateId", "0000123456789", "DLT_TEMPLATE_NOT_FOUND")]
    [InlineData("To", "9876543210", "INVALID_NUMBER")]
    [InlineData("To", "+91 98765", "INVALID_NUMBER")]
    public async Task Exotel_validation_refuses_with_400_and_its_code(string field, string? value, string code)
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.SendSmsAsync(NewPhone(), (field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("RestException");
        Assert.Equal(code, error.GetProperty("Code").GetString());
        Assert.Equal(400, error.GetProperty("Status").GetInt32());
        Assert.Empty(sandbox.State.Sms);
    }

    [Fact]
    public async Task Only_known_dlt_templates_are_accepted_when_a_list_is_configured()
    {
        await using var sandbox = await StartAsync(options => options.KnownDltTemplateIds = ["1107000000000000001"]);

        var known = await sandbox.SendSmsAsync(NewPhone());
        var unknown = await sandbox.SendSmsAsync(NewPhone(), ("DltTemplateId", "1107999999999999999"));

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("DLT_TEMPLATE_NOT_FOUND", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_custom_field_of_255_characters_is_accepted_and_one_of_256_is_refused()
    {
        await using var sandbox = await StartAsync();

        var fits = await sandbox.SendSmsAsync(NewPhone(), ("CustomField", new string('x', 255)));
        var tooLong = await sandbox.SendSmsAsync(NewPhone(), ("CustomField", new string('x', 256)));

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("CUSTOM_FIELD_TOO_LONG", await tooLong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Past_the_sms_limit_the_account_gets_503_with_retry_after_until_the_window_slides()
    {
        var (sandbox, clock) = await StartWithFakeClockAsync(options => options.SmsRequestsPerMinute = 3);
        await using var _ = sandbox;

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            first.Add((await sandbox.SendSmsAsync(NewPhone())).StatusCode);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var limited = await sandbox.SendSmsAsync(NewPhone());
        clock.Advance(TimeSpan.FromSeconds(31));
        var afterWindow = await sandbox.SendSmsAsync(NewPhone());

        Assert.All(first, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), limited.Headers.RetryAfter?.Delta);
        Assert.Contains("RATE_LIMIT_EXCEEDED", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
        Assert.Equal(4, sandbox.State.Sms.Count);
    }

    [Fact]
    public async Task Other_products_get_429_with_retry_after_past_their_own_limit()
    {
        await using var sandbox = await StartAsync(options => options.RequestsPerMinute = 2);
        var template = new
        {
            whatsapp = new { messages = new[] { new { from = "+919100000000", to = NewPhone(), content = new { type = "template", template = new { name = "onboarding_welcome_v2", language = new { code = "en" } } } } } },
        };

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await sandbox.Api.PostAsync($"/v2/accounts/{AccountSid}/messages", Json(template));
            statuses.Add(last.StatusCode);
        }

        var sms = await sandbox.SendSmsAsync(NewPhone());

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
    }

    [Fact]
    public async Task The_status_callback_is_form_encoded_and_signed_with_the_callback_secret()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();

        var sid = await SidOfAsync(await sandbox.SendSmsAsync(phone));
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/exotel/sms");

        Assert.Equal("application/x-www-form-urlencoded", callback.ContentType);
        Assert.True(callback.IsSignedWith(CallbackSecret), $"signature {callback.Header("X-Exotel-Signature")} does not match");
        var form = callback.Form;
        Assert.Equal(sid, form["SmsSid"]);
        Assert.Equal(phone, form["To"]);
        Assert.Equal("sent", form["Status"]);
        Assert.Equal("DELIVERED_TO_HANDSET", form["DetailedStatus"]);
        Assert.Equal("20005", form["DetailedStatusCode"]);
        Assert.Equal("message:42", form["CustomField"]);
        Assert.Equal("1", form["SmsUnits"]);
        Assert.True(DateTimeOffset.TryParse(form["DateSent"], out _));
    }

    [Fact]
    public async Task A_rule_makes_a_number_undelivered()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        (await sandbox.AddRulesAsync(new { product = "sms", phone = phone[..8] + "*", outcome = "undelivered" })).EnsureSuccessStatusCode();

        var sid = await SidOfAsync(await sandbox.SendSmsAsync(phone));
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/exotel/sms");

        Assert.Equal(sid, callback.Form["SmsSid"]);
        Assert.Equal("undelivered", callback.Form["Status"]);
        Assert.Equal("undelivered", sandbox.State.FindSms(sid)!.Status);
    }

    [Fact]
    public async Task A_rule_with_http_status_503_twice_answers_503_twice_then_accepts()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        (await sandbox.AddRulesAsync(new { product = "sms", to = phone, httpStatus = 503, times = 2 })).EnsureSuccessStatusCode();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await sandbox.SendSmsAsync(phone)).StatusCode);
        }

        var other = await sandbox.SendSmsAsync(NewPhone());

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(2, sandbox.State.Sms.Count);
    }

    [Fact]
    public async Task A_lost_callback_is_never_sent_but_the_status_lookup_answers_the_final_status_once_the_delay_has_passed()
    {
        var (sandbox, clock) = await StartWithFakeClockAsync();
        await using var _ = sandbox;
        var phone = NewPhone();
        (await sandbox.AddRulesAsync(new { product = "sms", phone, noCallback = true, delay = "00:00:05" })).EnsureSuccessStatusCode();

        var sid = await SidOfAsync(await sandbox.SendSmsAsync(phone));
        var before = await StatusAsync(sandbox, sid);
        clock.Advance(TimeSpan.FromSeconds(6));
        var after = await StatusAsync(sandbox, sid);

        Assert.Equal("queued", before);
        Assert.Equal("sent", after);
        Assert.Empty(sandbox.State.Callbacks);
        Assert.True(sandbox.State.FindSms(sid)!.CallbackLost);
    }

    [Fact]
    public async Task The_status_lookup_answers_xml_without_suffix_and_404_for_an_unknown_sid()
    {
        await using var sandbox = await StartAsync();
        var sid = await SidOfAsync(await sandbox.SendSmsAsync(NewPhone()));

        var xml = await sandbox.Api.GetStringAsync($"/v1/Accounts/{AccountSid}/Sms/Messages/{sid}");
        var unknown = await sandbox.Api.GetAsync($"/v1/Accounts/{AccountSid}/Sms/Messages/SM00000000000000000000000000000000.json");

        Assert.Equal(sid, XDocument.Parse(xml).Root!.Element("SMSMessage")!.Element("Sid")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Bulksend_answers_one_message_per_entry_in_order_and_refuses_more_than_100()
    {
        await using var sandbox = await StartAsync();
        var phones = new[] { NewPhone(), NewPhone() };

        var ok = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Sms/bulksend.json", Bulk(sandbox, phones));
        var tooMany = await sandbox.Api.PostAsync($"/v1/Accounts/{AccountSid}/Sms/bulksend.json", Bulk(sandbox, Enumerable.Range(0, 101).Select(_ => NewPhone()).ToArray()));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var messages = (await ok.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(entry => entry.GetProperty("SMSMessage")).ToList();
        Assert.Equal(phones, messages.Select(message => message.GetProperty("To").GetString()));
        Assert.Equal(["c0", "c1"], messages.Select(message => message.GetProperty("CustomField").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("TOO_MANY_MESSAGES", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(2, sandbox.State.Sms.Count);
    }

    [Fact]
    public async Task A_callback_answered_500_is_retried_until_it_is_accepted()
    {
        await using var sandbox = await StartAsync();
        var answers = 0;
        sandbox.Receiver.Reply = _ => Interlocked.Increment(ref answers) <= 2 ? (500, "boom", "text/plain") : (200, "{}", "application/json");

        await sandbox.SendSmsAsync(NewPhone());
        var first = await sandbox.Receiver.NextToAsync("/webhooks/exotel/sms");
        var second = await sandbox.Receiver.NextToAsync("/webhooks/exotel/sms");
        var third = await sandbox.Receiver.NextToAsync("/webhooks/exotel/sms");

        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Body, third.Body);
        Assert.Equal(first.Header("X-Exotel-Signature"), third.Header("X-Exotel-Signature"));
    }

    private static FormUrlEncodedContent Bulk(SandboxHarness sandbox, string[] phones) => Form(
        [
            ("From", "LFCYCL"), ("DltEntityId", "1101000000000000001"), ("SmsType", "transactional"),
            ("StatusCallback", sandbox.Receiver.Url("/webhooks/exotel/sms")),
            .. phones.SelectMany((phone, i) => new[]
            {
                ($"Messages[{i}][To]", phone), ($"Messages[{i}][Body]", $"Hello {i}"),
                ($"Messages[{i}][DltTemplateId]", "1107000000000000001"), ($"Messages[{i}][CustomField]", $"c{i}"),
            }),
        ]);

    private static async Task<string> SidOfAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("SMSMessage").GetProperty("Sid").GetString()!;
    }

    private static async Task<string?> StatusAsync(SandboxHarness sandbox, string sid) =>
        (await sandbox.Api.GetFromJsonAsync<JsonElement>($"/v1/Accounts/{AccountSid}/Sms/Messages/{sid}.json"))
            .GetProperty("SMSMessage").GetProperty("Status").GetString();
}
