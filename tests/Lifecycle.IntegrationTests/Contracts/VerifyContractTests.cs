using System.Net;
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
    [InlineData("approved", nameof(ExotelVerificationStatus.Approved))]
    [InlineData("pending", nameof(ExotelVerificationStatus.Pending))]
    [InlineData("failed", nameof(ExotelVerificationStatus.Failed))]
    public async Task Checking_a_code_posts_the_otp_and_reads_the_status(string status, string expected)
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, $$$$"""{"response":{"data":{"status":"{{{{status}}}}"}}}""");

        var check = await verify.CheckAsync("VE0001", "482916", CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/accounts/test-account/verifications/sms/VE0001/check", request.Path);
        Assert.Equal(VerifyCredentials, request.Authorization);
        AssertJsonBody("""{"otp":"482916"}""", request);
        Assert.Equal(new VerificationCheck.Checked(Enum.Parse<ExotelVerificationStatus>(expected)), check);
    }

    [Fact]
    public async Task A_wrong_code_answered_400_with_1211_is_not_approved_rather_than_a_failure()
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.BadRequest, """{"response":{"error_data":{"code":1211,"message":"Invalid OTP"}}}""");

        var check = await verify.CheckAsync("VE0001", "000000", CancellationToken.None);

        Assert.Equal(new VerificationCheck.NotApproved("Invalid OTP"), check);
        SingleRequest();
    }

    [Fact]
    public async Task Another_refused_check_is_a_refusal_with_its_code()
    {
        var verify = Client<ExotelVerify>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.NotFound, """{"response":{"error_data":{"code":1404,"message":"Verification not found"}}}""");

        var check = await verify.CheckAsync("VE9999", "482916", CancellationToken.None);

        Assert.Equal(new VerificationCheck.Refused("1404", "Verification not found"), check);
        SingleRequest();
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
