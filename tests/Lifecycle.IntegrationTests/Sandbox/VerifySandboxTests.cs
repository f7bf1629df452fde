using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Lifecycle.IntegrationTests.Sandbox.SandboxHarness;

namespace Lifecycle.IntegrationTests.Sandbox;

public sealed class VerifySandboxTests
{
    [Fact]
    public async Task The_otp_of_a_started_verification_is_readable_and_approves_the_check()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();

        var sid = await StartVerificationAsync(sandbox, phone);
        var otp = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/sandbox/otp/{Uri.EscapeDataString(phone)}");
        var check = await CheckAsync(sandbox, sid, otp.GetProperty("otp").GetString()!);

        Assert.Matches("^VE[0-9a-f]{32}$", sid);
        Assert.Equal(phone, otp.GetProperty("phone").GetString());
        Assert.Equal(sid, otp.GetProperty("verificationSid").GetString());
        Assert.Matches("^[0-9]{6}$", otp.GetProperty("otp").GetString());
        Assert.Equal(otp.GetProperty("otp").GetString(), sandbox.State.LatestOtp(phone));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var answer = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, answer.GetProperty("http_code").GetInt32());
        var response = answer.GetProperty("response");
        Assert.Equal(("success", JsonValueKind.Null), (response.GetProperty("status").GetString(), response.GetProperty("error_data").ValueKind));
        Assert.Equal(("success", sid), (response.GetProperty("data").GetProperty("status").GetString(), response.GetProperty("data").GetProperty("verification_id").GetString()));
    }

    [Fact]
    public async Task A_wrong_code_answers_400_with_code_1211_and_the_right_one_still_approves()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        var sid = await StartVerificationAsync(sandbox, phone);
        var right = sandbox.State.LatestOtp(phone)!;
        var wrong = right == "000000" ? "111111" : "000000";

        var refused = await CheckAsync(sandbox, sid, wrong);
        var approved = await CheckAsync(sandbox, sid, right);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var failure = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response");
        Assert.Equal("failure", failure.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, failure.GetProperty("data").ValueKind);
        Assert.Equal(1211, failure.GetProperty("error_data").GetProperty("code").GetInt32());
        Assert.Equal("Invalid OTP Entered", failure.GetProperty("error_data").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }

    [Fact]
    public async Task An_unknown_verification_answers_404_and_an_expired_one_answers_1210()
    {
        var (sandbox, clock) = await StartWithFakeClockAsync();
        await using var _ = sandbox;
        var phone = NewPhone();
        var sid = await StartVerificationAsync(sandbox, phone);

        var unknown = await CheckAsync(sandbox, "VE00000000000000000000000000000000", "123456");
        clock.Advance(TimeSpan.FromSeconds(61));
        var expired = await CheckAsync(sandbox, sid, sandbox.State.LatestOtp(phone)!);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, 1210), (expired.StatusCode, await ErrorCodeAsync(expired)));
    }

    [Fact]
    public async Task Attempts_past_the_limit_answer_1016_and_a_verified_one_answers_1003()
    {
        await using var sandbox = await StartAsync(options => options.OtpMaxAttempts = 2);
        var (exhausted, verified) = (NewPhone(), NewPhone());
        var exhaustedSid = await StartVerificationAsync(sandbox, exhausted);
        var verifiedSid = await StartVerificationAsync(sandbox, verified);
        var wrong = sandbox.State.LatestOtp(exhausted) == "000000" ? "111111" : "000000";

        var first = await CheckAsync(sandbox, exhaustedSid, wrong);
        var second = await CheckAsync(sandbox, exhaustedSid, wrong);
        var third = await CheckAsync(sandbox, exhaustedSid, sandbox.State.LatestOtp(exhausted)!);
        await CheckAsync(sandbox, verifiedSid, sandbox.State.LatestOtp(verified)!);
        var again = await CheckAsync(sandbox, verifiedSid, sandbox.State.LatestOtp(verified)!);

        Assert.Equal((HttpStatusCode.BadRequest, 1211), (first.StatusCode, await ErrorCodeAsync(first)));
        Assert.Equal((HttpStatusCode.BadRequest, 1211), (second.StatusCode, await ErrorCodeAsync(second)));
        Assert.Equal((HttpStatusCode.Forbidden, 1016), (third.StatusCode, await ErrorCodeAsync(third)));
        Assert.Equal((HttpStatusCode.Forbidden, 1003), (again.StatusCode, await ErrorCodeAsync(again)));
    }

    [Fact]
    public async Task The_guides_check_path_is_not_a_route_of_exoverify()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        var sid = await StartVerificationAsync(sandbox, phone);

        var guide = await sandbox.Verify.PostAsync($"/v2/accounts/{AccountSid}/verifications/sms/{sid}/check", Json(new { otp = sandbox.State.LatestOtp(phone) }));

        Assert.Equal(HttpStatusCode.NotFound, guide.StatusCode);
    }

    [Fact]
    public async Task Verify_takes_the_application_credentials_not_the_api_key()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.Api.PostAsync($"/v2/accounts/{AccountSid}/verifications/sms", Json(new { application_id = VerifyApplicationId, phone_number = NewPhone() }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_undelivered_rule_keeps_the_otp_from_the_phone()
    {
        await using var sandbox = await StartAsync();
        var phone = NewPhone();
        (await sandbox.AddRulesAsync(new { product = "verify", phone, outcome = "undelivered" })).EnsureSuccessStatusCode();

        await StartVerificationAsync(sandbox, phone);
        var otp = await sandbox.Control.GetAsync($"/sandbox/otp/{Uri.EscapeDataString(phone)}");

        Assert.Equal(HttpStatusCode.NotFound, otp.StatusCode);
        Assert.Null(sandbox.State.LatestOtp(phone));
    }

    private static async Task<string> StartVerificationAsync(SandboxHarness sandbox, string phone)
    {
        var response = await sandbox.Verify.PostAsync(
            $"/v2/accounts/{AccountSid}/verifications/sms", Json(new { application_id = VerifyApplicationId, phone_number = phone }));
        response.EnsureSuccessStatusCode();
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("data");
        Assert.InRange(data.GetProperty("max_attempts").GetInt32(), 1, 10);
        Assert.Equal(60, data.GetProperty("expiration_in_seconds").GetInt32());
        Assert.EndsWith("XXXX", data.GetProperty("phone_number").GetString());
        return data.GetProperty("verification_id").GetString()!;
    }

    /// <summary>Exotel's documented check: the verification's own path, the code as <c>OTP</c>.</summary>
    private static Task<HttpResponseMessage> CheckAsync(SandboxHarness sandbox, string sid, string otp) =>
        sandbox.Verify.PostAsync($"/v2/accounts/{AccountSid}/verifications/sms/{sid}", Json(new { OTP = otp }));

    private static async Task<int> ErrorCodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("error_data").GetProperty("code").GetInt32();
}
