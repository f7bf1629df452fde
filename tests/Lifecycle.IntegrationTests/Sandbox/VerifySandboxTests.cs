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
        Assert.Equal("approved", (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("data").GetProperty("status").GetString());
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
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("error_data");
        Assert.Equal(1211, error.GetProperty("code").GetInt32());
        Assert.Equal("Invalid OTP", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }

    [Fact]
    public async Task An_unknown_verification_answers_404_and_an_expired_one_fails()
    {
        var (sandbox, clock) = await StartWithFakeClockAsync();
        await using var _ = sandbox;
        var phone = NewPhone();
        var sid = await StartVerificationAsync(sandbox, phone);

        var unknown = await CheckAsync(sandbox, "VE00000000000000000000000000000000", "123456");
        clock.Advance(TimeSpan.FromSeconds(61));
        var expired = await CheckAsync(sandbox, sid, sandbox.State.LatestOtp(phone)!);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("failed", (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("response").GetProperty("data").GetProperty("status").GetString());
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
        Assert.Equal("pending", data.GetProperty("status").GetString());
        return data.GetProperty("sid").GetString()!;
    }

    private static Task<HttpResponseMessage> CheckAsync(SandboxHarness sandbox, string sid, string otp) =>
        sandbox.Verify.PostAsync($"/v2/accounts/{AccountSid}/verifications/sms/{sid}/check", Json(new { otp }));
}
