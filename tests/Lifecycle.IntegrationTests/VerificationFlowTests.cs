using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Verify;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// Guide §3.1 through our HTTP API and the in-process Exotel sandbox: the OTP is read from the sandbox as the user's
/// phone received it, time moves only when the test advances it, and the due work is drained by hand.
/// </summary>
public abstract partial class VerificationFlowTests(StoreKind kind)
{
    private static readonly HttpClient Sandbox = new();

    [Fact]
    public async Task Signup_otp_from_the_sandbox_is_approved_and_moves_the_user_to_onboarding()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var api = app.Api();
        var (phone, userId, verificationId) = await SignUpAsync(app);
        var otp = await OtpAsync(app, phone, "verify");
        app.Clock.Advance(TimeSpan.FromSeconds(12));

        var check = await api.PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp });

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(("approved", 3), await CheckAnswerAsync(check));
        var user = await api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}");
        Assert.Equal("ONBOARDING", user.GetProperty("stage").GetString());
        Assert.Equal("sms", user.GetProperty("lastContactChannel").GetString());
        Assert.Equal(app.Clock.GetUtcNow(), user.GetProperty("lastContactAt").GetDateTimeOffset());
        var timeline = (await api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}/timeline")).GetProperty("items").EnumerateArray().ToList();
        var transition = timeline.Last(entry => entry.GetProperty("kind").GetString() == "transition");
        Assert.Equal(("ACQUIRED", "ONBOARDING", "verify:approved"), (transition.GetProperty("from").GetString(), transition.GetProperty("to").GetString(), transition.GetProperty("trigger").GetString()));
        var stored = await app.QueryAsync(db => db.Set<Verification>().AsNoTracking().SingleAsync(v => v.Id == verificationId));
        var storedUser = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == new UserId(userId)));
        Assert.Equal(stored.ProviderSid, storedUser.VerifySid);
        var view = await api.GetFromJsonAsync<JsonElement>($"/api/verifications/{verificationId}");
        Assert.Equal(("approved", "sms", 1), (view.GetProperty("status").GetString(), view.GetProperty("channel").GetString(), view.GetProperty("attempts").GetInt32()));

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await DrainTimersAndOutboxAsync(app);
        Assert.Single(await VerifyStartsAsync(app, phone));
    }

    [Fact]
    public async Task Unapproved_otp_is_resent_by_sms_twice_then_read_out_by_a_voice_call_whose_code_approves()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var (phone, userId, verificationId) = await SignUpAsync(app);

        for (var rung = 0; rung < 3; rung++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            await DrainTimersAndOutboxAsync(app);
        }

        Assert.Equal(3, (await VerifyStartsAsync(app, phone)).Count);
        var call = Assert.Single(await CallsAsync(app, phone));
        var form = call.GetProperty("form");
        Assert.Equal(VoiceOtpFlowUrl, form.GetProperty("Url").GetString());
        Assert.Equal(phone, form.GetProperty("From").GetString());
        Assert.Equal("+911140000000", form.GetProperty("CallerId").GetString());
        Assert.StartsWith($"voice-otp:{verificationId}.", form.GetProperty("CustomField").GetString());
        Assert.Equal($"{PublicBaseUrl(app)}/webhooks/exotel/call/{LifecycleApp.SandboxCallbackToken}", form.GetProperty("StatusCallback").GetString());
        Assert.Equal("false", form.GetProperty("Record").GetString());
        var view = await app.Api().GetFromJsonAsync<JsonElement>($"/api/verifications/{verificationId}");
        Assert.Equal(("pending", "voice"), (view.GetProperty("status").GetString(), view.GetProperty("channel").GetString()));

        var voiceOtp = await OtpAsync(app, phone, "voice");
        var check = await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp = voiceOtp });

        Assert.Equal(("approved", 3), await CheckAnswerAsync(check));
        var user = await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{userId}");
        Assert.Equal(("ONBOARDING", "voice"), (user.GetProperty("stage").GetString(), user.GetProperty("lastContactChannel").GetString()));

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await DrainTimersAndOutboxAsync(app);
        Assert.Equal(3, (await VerifyStartsAsync(app, phone)).Count);
        Assert.Single(await CallsAsync(app, phone));
    }

    [Fact]
    public async Task Voice_otp_text_is_plain_text_read_once_by_get_head_leaves_the_token_alone_and_the_code_approves()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var (phone, _, verificationId) = await SignUpAsync(app);
        await AddScenarioAsync(app, new { product = "calls", phone, delay = "00:05:00" });
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var resend = await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/resend", new { channel = "voice" });
        await DispatchAsync(app);
        var token = Assert.Single(await CallsAsync(app, phone)).GetProperty("form").GetProperty("CustomField").GetString()!;
        var url = $"{PublicBaseUrl(app)}/exoml/voice-otp?CallSid=CA1&From={Uri.EscapeDataString(phone)}&To=%2B911140000000"
            + $"&DialWhomNumber=&CustomField={Uri.EscapeDataString(token)}";
        using var exotel = new HttpClient();
        var head = await exotel.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        var headAgain = await exotel.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        var get = await exotel.GetAsync(url);
        var getAgain = await exotel.GetAsync(url);
        var headAfter = await exotel.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (head.StatusCode, headAgain.StatusCode));
        Assert.Equal("text/plain", head.Content.Headers.ContentType?.ToString());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("text/plain", get.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        var spoken = await get.Content.ReadAsStringAsync();
        Assert.Matches(@"^Your code is \d \d \d \d \d \d\.", spoken);
        Assert.Equal(HttpStatusCode.NotFound, getAgain.StatusCode);
        Assert.Equal("application/problem+json", getAgain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, headAfter.StatusCode);
        var stored = await app.QueryAsync(db => db.Set<Verification>().AsNoTracking().SingleAsync(v => v.Id == verificationId));
        var code = SpokenCode().Match(spoken).Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.DoesNotContain(code, stored.VoiceCodeHash!);
        Assert.DoesNotContain(token, stored.VoiceTokenHash!);
        Assert.NotNull(stored.VoiceTokenUsedAt);

        var check = await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp = code });

        Assert.Equal("approved", (await CheckAnswerAsync(check)).Status);
    }

    [Fact]
    public async Task Voice_otp_text_of_an_unknown_or_missing_token_is_not_found_and_the_old_exoml_route_is_gone()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        using var exotel = new HttpClient();
        var unknown = $"{PublicBaseUrl(app)}/exoml/voice-otp?CallSid=CA1&CustomField=voice-otp%3A{Guid.NewGuid()}.not-a-token";

        await AssertProblemAsync(await exotel.GetAsync(unknown), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await exotel.SendAsync(new HttpRequestMessage(HttpMethod.Head, unknown))).StatusCode);
        await AssertProblemAsync(await exotel.GetAsync($"{PublicBaseUrl(app)}/exoml/voice-otp?CallSid=CA1"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await exotel.GetAsync($"{PublicBaseUrl(app)}/exoml/voice-otp/some-token")).StatusCode);
    }

    [Fact]
    public async Task Unanswered_voice_otp_call_fails_the_verification()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var (phone, userId, verificationId) = await SignUpAsync(app);
        await AddScenarioAsync(app, new { product = "calls", phone, outcome = "no-answer" });
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/resend", new { channel = "voice" });
        await DispatchAsync(app);
        await WaitForInboxAsync(app, 1);
        await app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);

        var view = await app.Api().GetFromJsonAsync<JsonElement>($"/api/verifications/{verificationId}");
        Assert.Equal(("failed", "voice"), (view.GetProperty("status").GetString(), view.GetProperty("channel").GetString()));
        var check = await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp = "123456" });
        Assert.Equal(("failed", 0), await CheckAnswerAsync(check));
        var user = await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{userId}");
        Assert.Equal("ACQUIRED", user.GetProperty("stage").GetString());
        var stored = await app.QueryAsync(db => db.Set<Verification>().AsNoTracking().SingleAsync(v => v.Id == verificationId));
        Assert.Equal("voice call not answered", stored.FailureReason);
        Assert.StartsWith("CA", stored.VoiceCallSid);
    }

    [Fact]
    public async Task Starting_a_verification_answers_202_with_a_new_pending_sms_verification_each_time()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var phone = Arrange.NewPhone();

        var first = await app.Api().PostAsJsonAsync("/api/verifications", new { phone, purpose = "login" });
        var second = await app.Api().PostAsJsonAsync("/api/verifications", new { phone, purpose = "login" });
        await DispatchAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", "sms"), (body.GetProperty("status").GetString(), body.GetProperty("channel").GetString()));
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(60), body.GetProperty("expiresAt").GetDateTimeOffset());
        var firstId = body.GetProperty("verificationId").GetGuid();
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verificationId").GetGuid();
        Assert.NotEqual(firstId, secondId);
        Assert.Equal("failed", (await app.Api().GetFromJsonAsync<JsonElement>($"/api/verifications/{firstId}")).GetProperty("status").GetString());
        Assert.Single(await VerifyStartsAsync(app, phone));
    }

    [Theory]
    [InlineData("98765 43210", "signup", "phone")]
    [InlineData("+919876543210", "payment", "purpose")]
    public async Task Malformed_start_is_refused_with_a_problem_naming_the_field_and_starts_nothing(string phone, string purpose, string field)
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));

        var response = await app.Api().PostAsJsonAsync("/api/verifications", new { phone, purpose });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<Verification>().CountAsync()));
        Assert.Equal(0, await DispatchAsync(app));
    }

    [Fact]
    public async Task Wrong_otp_answers_pending_with_attempts_left_then_failed_after_three_and_the_right_code_no_longer_approves()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var (phone, userId, verificationId) = await SignUpAsync(app);
        var otp = await OtpAsync(app, phone, "verify");
        var wrong = otp == "000000" ? "111111" : "000000";
        var api = app.Api();

        var answers = new List<(string, int)>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await CheckAnswerAsync(await api.PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp = wrong })));
        }

        var afterwards = await CheckAnswerAsync(await api.PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp }));
        var malformed = await api.PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp = "12ab" });

        Assert.Equal([("pending", 2), ("pending", 1), ("failed", 0)], answers);
        Assert.Equal(("failed", 0), afterwards);
        await AssertProblemAsync(malformed, HttpStatusCode.BadRequest, "otp");
        var view = await api.GetFromJsonAsync<JsonElement>($"/api/verifications/{verificationId}");
        Assert.Equal(("failed", 3), (view.GetProperty("status").GetString(), view.GetProperty("attempts").GetInt32()));
        Assert.Equal("ACQUIRED", (await api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}")).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Expired_verification_answers_failed_and_leaves_the_user_where_they_were()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var (phone, userId, verificationId) = await SignUpAsync(app);
        var otp = await OtpAsync(app, phone, "verify");
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        var check = await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp });
        var resend = await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/resend", new { channel = "sms" });

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(("failed", 0), await CheckAnswerAsync(check));
        await AssertProblemAsync(resend, HttpStatusCode.Conflict);
        Assert.Equal("ACQUIRED", (await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{userId}")).GetProperty("stage").GetString());
        Assert.Equal(0, await app.QueryAsync(db => db.Set<Verification>().Where(v => v.Id == verificationId).Select(v => v.Attempts).SingleAsync()));
        Assert.Equal(0, await DispatchAsync(app));
        Assert.Empty(await SandboxRequestsAsync(app, "verify", request => request.GetProperty("path").GetString()!.EndsWith("/check", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unknown_verification_id_answers_404_problems()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var id = Guid.NewGuid();
        var api = app.Api();

        await AssertProblemAsync(await api.PostAsJsonAsync($"/api/verifications/{id}/check", new { otp = "482916" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await api.PostAsJsonAsync($"/api/verifications/{id}/resend", new { channel = "sms" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await api.GetAsync($"/api/verifications/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Resend_too_soon_answers_429_with_retry_after_and_sends_nothing()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var (phone, _, verificationId) = await SignUpAsync(app);
        app.Clock.Advance(TimeSpan.FromSeconds(12));
        var api = app.Api();

        var tooSoon = await api.PostAsJsonAsync($"/api/verifications/{verificationId}/resend", new { channel = "sms" });
        var badChannel = await api.PostAsJsonAsync($"/api/verifications/{verificationId}/resend", new { channel = "whatsapp" });
        await DispatchAsync(app);

        await AssertProblemAsync(tooSoon, HttpStatusCode.TooManyRequests);
        Assert.Equal("18", tooSoon.Headers.GetValues("Retry-After").Single());
        await AssertProblemAsync(badChannel, HttpStatusCode.BadRequest, "channel");
        Assert.Single(await VerifyStartsAsync(app, phone));
        var view = await api.GetFromJsonAsync<JsonElement>($"/api/verifications/{verificationId}");
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(48), view.GetProperty("expiresAt").GetDateTimeOffset());

        app.Clock.Advance(TimeSpan.FromSeconds(18));
        var allowed = await api.PostAsJsonAsync($"/api/verifications/{verificationId}/resend", new { channel = "sms" });
        await DispatchAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        Assert.Equal(2, (await VerifyStartsAsync(app, phone)).Count);
    }

    private static async Task<(string Phone, Guid UserId, Guid VerificationId)> SignUpAsync(LifecycleApp app)
    {
        var phone = Arrange.NewPhone();
        var response = await app.Api().PostAsJsonAsync("/api/signups", new { phone, name = "Priya" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        await DispatchAsync(app);
        return (phone, body.GetProperty("userId").GetGuid(), body.GetProperty("verificationId").GetGuid());
    }

    private static async Task<(string Status, int AttemptsLeft)> CheckAnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("status").GetString()!, body.GetProperty("attemptsLeft").GetInt32());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names no '{field}': {problem}");
        }
    }

    private static Task<int> DispatchAsync(LifecycleApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    private static async Task DrainTimersAndOutboxAsync(LifecycleApp app)
    {
        await app.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        await DispatchAsync(app);
    }

    /// <summary>The voice OTP call's flow: <c>Exotel:VoiceOtp:Flow</c> of <see cref="LifecycleApp"/> as Exotel's start_voice URL.</summary>
    private const string VoiceOtpFlowUrl = $"http://my.exotel.com/test-account/exoml/start_voice/{LifecycleApp.VoiceOtpFlow}";

    private static string PublicBaseUrl(LifecycleApp app) => app.Services.GetRequiredService<IConfiguration>()["Webhooks:PublicBaseUrl"]!;

    /// <summary>The OTP the phone last received from <paramref name="source"/> (<c>verify</c> SMS or <c>voice</c> call), waiting for a call to be read out.</summary>
    private static async Task<string> OtpAsync(LifecycleApp app, string phone, string source)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var response = await Sandbox.GetAsync($"{app.SandboxUrl}/sandbox/otp/{Uri.EscapeDataString(phone)}");
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<JsonElement>() is var otp
                && otp.GetProperty("source").GetString() == source)
            {
                return otp.GetProperty("otp").GetString()!;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"the phone received no {source} OTP");
            await Task.Delay(20);
        }
    }

    private static async Task WaitForInboxAsync(LifecycleApp app, int count)
    {
        var waited = Stopwatch.StartNew();
        while (await app.QueryAsync(db => db.Inbox.CountAsync()) < count)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "the sandbox's callback did not arrive");
            await Task.Delay(20);
        }
    }

    private static async Task AddScenarioAsync(LifecycleApp app, object rule)
    {
        var response = await Sandbox.PostAsJsonAsync($"{app.SandboxUrl}/sandbox/scenarios", new { rules = new[] { rule } });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<List<JsonElement>> SandboxRequestsAsync(LifecycleApp app, string product, Func<JsonElement, bool> where)
    {
        var requests = await Sandbox.GetFromJsonAsync<JsonElement>($"{app.SandboxUrl}/sandbox/requests?product={product}");
        return [.. requests.EnumerateArray().Where(where)];
    }

    /// <summary>Verify starts (not checks) for the phone: one per SMS code sent.</summary>
    private static Task<List<JsonElement>> VerifyStartsAsync(LifecycleApp app, string phone) =>
        SandboxRequestsAsync(app, "verify", request =>
            request.GetProperty("method").GetString() == "POST"
            && request.GetProperty("path").GetString()!.EndsWith("/verifications/sms", StringComparison.Ordinal)
            && JsonNode.Parse(request.GetProperty("body").GetString()!)?["phone_number"]?.GetValue<string>() == phone);

    private static Task<List<JsonElement>> CallsAsync(LifecycleApp app, string phone) =>
        SandboxRequestsAsync(app, "calls", request =>
            request.GetProperty("path").GetString()!.EndsWith("/Calls/connect", StringComparison.Ordinal)
            && request.GetProperty("form").TryGetProperty("From", out var from) && from.GetString() == phone);

    [GeneratedRegex(@"\d( \d)*")]
    private static partial Regex SpokenCode();
}

public sealed class VerificationFlowOnSqlite() : VerificationFlowTests(StoreKind.Sqlite);

public sealed class VerificationFlowOnPostgres() : VerificationFlowTests(StoreKind.Postgres);
