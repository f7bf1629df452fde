using System.Net;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.Infrastructure.Verify;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>Exotel Verify start and check, with the Verify application's own credentials, against exotel-wire.md.</summary>
public sealed class VerifyContractTests : ExotelContract
{
    [Fact]
    public async Task Starting_a_verification_posts_the_application_id_and_phone_with_the_verify_credentials()
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, """{"response":{"data":{"sid":"VE0001","status":"pending"}}}""");

        var start = await verify.StartAsync("+919876543210", templateVariables: null, CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/accounts/test-account/verifications/sms", request.Path);
        Assert.Equal(VerifyCredentials, request.Authorization);
        AssertJsonBody("""{"application_id":"test-verify-app","phone_number":"+919876543210"}""", request);
        Assert.Equal(new VerificationStart.Started("VE0001", "pending"), start);
    }

    [Fact]
    public async Task Template_variables_are_sent_as_replace_vars_in_order()
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, """{"response":{"data":{"sid":"VE0002","status":"pending"}}}""");

        await verify.StartAsync("+919876543210", ["Lifecycle", "10 minutes"], CancellationToken.None);

        AssertJsonBody(
            """{"application_id":"test-verify-app","phone_number":"+919876543210","replace_vars":["Lifecycle","10 minutes"]}""",
            SingleRequest());
    }

    [Fact]
    public async Task A_refused_start_is_a_result_with_exotels_code()
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.BadRequest, """{"response":{"code":400,"status":"failure","error_data":{"code":1002,"message":"Invalid phone number"}}}""");

        var start = await verify.StartAsync("+91", templateVariables: null, CancellationToken.None);

        Assert.Equal(new VerificationStart.Refused("1002", "Invalid phone number"), start);
        SingleRequest();
    }

    [Theory]
    [InlineData("verify-start-reply.json", "ver_abc123def456")]
    [InlineData("verify-start-reply-envelope.json", "463fac2fa3ece58c6551e296c1b9167c")]
    public async Task The_start_reply_of_exotels_pages_is_read_for_its_verification_id(string fixture, string verificationId)
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, ExotelFixtures.Read(fixture));

        var start = await verify.StartAsync("+919876543210", templateVariables: null, CancellationToken.None);

        Assert.Equal(new VerificationStart.Started(verificationId, null), start);
    }

    [Fact]
    public async Task Checking_a_code_posts_exotels_otp_field_to_the_verification_itself()
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, ExotelFixtures.Read("verify-check-success.json"));

        await verify.CheckAsync("12c705bc55de82cc96f9d543cf77167c", "576389", CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/accounts/test-account/verifications/sms/12c705bc55de82cc96f9d543cf77167c", request.Path);
        Assert.Equal(VerifyCredentials, request.Authorization);
        AssertJsonBody("""{"OTP":"576389"}""", request);
    }

    /// <summary>Every answer ExoVerify's pages (and the guide) give to a check, and what it means (api.md "Verify check").</summary>
    public static TheoryData<string, HttpStatusCode, string> CheckAnswers => new()
    {
        { ExotelFixtures.Read("verify-check-success.json"), HttpStatusCode.OK, "approved" },
        { ExotelFixtures.Read("verify-check-success-flat.json"), HttpStatusCode.OK, "approved" },
        { """{"status":"approved"}""", HttpStatusCode.OK, "approved" },
        { ExotelFixtures.Read("verify-check-wrong-code.json"), HttpStatusCode.BadRequest, "wrong: Invalid OTP Entered" },
        { """{"response":{"code":200,"status":"success","data":{"verification_id":"v1","status":"failure"}}}""", HttpStatusCode.OK, "wrong: failure" },
        { """{"response":{"code":200,"status":"failure","error_data":null,"data":null}}""", HttpStatusCode.OK, "wrong: failure" },
        { """{"status":"failed"}""", HttpStatusCode.OK, "wrong: failed" },
        { """{"status":"pending"}""", HttpStatusCode.OK, "wrong: pending" },
        { ExotelFixtures.Read("verify-check-expired.json"), HttpStatusCode.BadRequest, "expired: OTP has expired" },
        { ExotelFixtures.Read("verify-check-too-many-attempts.json"), HttpStatusCode.Forbidden, "too many attempts: Max attempts exceeded — user tried more than 10 times" },
        { ExotelFixtures.Read("verify-check-failure.json"), HttpStatusCode.Forbidden, "refused 1003: VerificationId already verified." },
        { """{"response":{"code":404,"status":"failure","error_data":{"code":1404,"message":"Verification not found"}}}""", HttpStatusCode.NotFound, "refused 1404: Verification not found" },
        { "Not Found", HttpStatusCode.NotFound, "refused 404: NotFound" },
    };

    [Theory]
    [MemberData(nameof(CheckAnswers))]
    public async Task Every_documented_check_answer_is_read_into_our_verdict(string body, HttpStatusCode status, string expected)
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(status, body);

        var check = await verify.CheckAsync("VE0001", "482916", CancellationToken.None);

        Assert.Equal(expected, check switch
        {
            VerificationCheck.Approved => "approved",
            VerificationCheck.WrongCode wrong => $"wrong: {wrong.Message}",
            VerificationCheck.Expired expired => $"expired: {expired.Message}",
            VerificationCheck.TooManyAttempts exhausted => $"too many attempts: {exhausted.Message}",
            VerificationCheck.Refused refused => $"refused {refused.Code}: {refused.Message}",
            _ => check.ToString(),
        });
        SingleRequest();
    }

    [Theory]
    [InlineData("""{"response":{"code":200,"status":"success","data":{"verification_id":"v1"}}}""")]
    [InlineData("""{"status":"processing"}""")]
    [InlineData("<html>gateway page</html>")]
    public async Task A_200_naming_no_status_we_know_is_not_taken_for_a_verdict_and_is_an_unknown_outcome(string body)
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, body);

        await Assert.ThrowsAsync<ProviderOutcomeUnknownException>(() => verify.CheckAsync("VE0001", "482916", CancellationToken.None));
    }

    [Fact]
    public async Task A_server_error_on_a_check_is_thrown_as_transient()
    {
        var verify = Client<ExotelVerify>(httpRetries: 0);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.ServiceUnavailable, "upstream unavailable", "text/plain");

        var failure = await Assert.ThrowsAsync<ExotelTransientException>(() => verify.CheckAsync("VE0001", "482916", CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status);
        SingleRequest();
    }
}
