using System.Net;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Verify;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>
/// Verify's two ports over the wire (exotel-wire.md "Verify", "Voice v1"): the OTP check as the check handler sees it,
/// and the voice OTP call — Verify's own small <c>Calls/connect</c> to our ExoML.
/// </summary>
public sealed class VerifyPortsContractTests : ExotelContract
{
    private const string VerificationId = "0195a1b2-0000-7000-8000-00000000000a";

    [Fact]
    public async Task A_voice_otp_call_dials_the_user_from_our_number_to_our_exoml_unrecorded_with_the_terminal_callback()
    {
        var voice = Client<IVoiceOtpGateway>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.OK, "<TwilioResponse><Call><Sid>CA0009</Sid><Status>in-progress</Status></Call></TwilioResponse>", "application/xml");

        var placed = await voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", "t0k-en_A", $"voice-otp:{VerificationId}"), CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/Accounts/test-account/Calls/connect", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(ApiCredentials, request.Authorization);
        AssertForm(
            new Dictionary<string, string>
            {
                ["From"] = "+919876543210",
                ["CallerId"] = VirtualNumber,
                ["Url"] = $"{PublicBaseUrl}/exoml/voice-otp/t0k-en_A",
                ["CustomField"] = $"voice-otp:{VerificationId}",
                ["StatusCallback"] = $"{PublicBaseUrl}/webhooks/exotel/call",
                ["StatusCallbackEvents[0]"] = "terminal",
                ["Record"] = "false",
            },
            request);
        Assert.Equal(new VoiceOtpCallResult.Placed("CA0009"), placed);
    }

    [Fact]
    public async Task A_refused_voice_otp_call_is_a_result_with_exotels_code()
    {
        var voice = Client<IVoiceOtpGateway>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.BadRequest, """{"RestException":{"Status":400,"Code":"INVALID_NUMBER","Message":"From is not a number"}}""");

        var refused = await voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", "token", "voice-otp:x"), CancellationToken.None);

        Assert.Equal(new VoiceOtpCallResult.Refused("INVALID_NUMBER", "From is not a number"), refused);
    }

    [Fact]
    public async Task A_refused_voice_otp_call_is_thrown_as_transient_for_the_outbox_to_retry()
    {
        var voice = Client<IVoiceOtpGateway>(httpRetries: 0);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.ServiceUnavailable, "busy", "text/plain");

        await Assert.ThrowsAsync<ExotelTransientException>(() => voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", "token", "voice-otp:x"), CancellationToken.None));
    }

    [Fact]
    public async Task A_bad_gateway_on_a_voice_otp_call_is_an_unknown_outcome_and_the_call_is_not_placed_again()
    {
        var voice = Client<IVoiceOtpGateway>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.BadGateway, "bad gateway", "text/plain");

        var placement = await voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", "token", "voice-otp:x"), CancellationToken.None);

        Assert.IsType<VoiceOtpCallResult.OutcomeUnknown>(placement);
        SingleRequest();
    }

    [Fact]
    public async Task A_wrong_code_is_not_approved_and_an_unknown_sid_is_a_refusal()
    {
        var verify = Client<IVerifyGateway>();
        Exotel.Reply = request => request.Path.Contains("VE-unknown", StringComparison.Ordinal)
            ? new CannedReply(HttpStatusCode.NotFound, """{"response":{"code":404,"status":"failure","error_data":{"code":404,"message":"No such verification"}}}""")
            : new CannedReply(HttpStatusCode.BadRequest, """{"response":{"code":400,"status":"failure","error_data":{"code":1211,"message":"Invalid OTP"}}}""");

        var wrong = await verify.CheckAsync("VE0001", "000000", CancellationToken.None);
        var unknown = await verify.CheckAsync("VE-unknown", "000000", CancellationToken.None);

        Assert.Equal(new VerifyCheckResult.NotApproved("Invalid OTP"), wrong);
        Assert.Equal(new VerifyCheckResult.Refused("404", "No such verification"), unknown);
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("failed")]
    [InlineData("pending")]
    public async Task A_checked_status_is_read_into_the_ports_answer(string status)
    {
        var verify = Client<IVerifyGateway>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, $$$$"""{"response":{"data":{"status":"{{{{status}}}}"}}}""");

        var answer = await verify.CheckAsync("VE0001", "482916", CancellationToken.None);

        Assert.Equal(status, answer switch
        {
            VerifyCheckResult.Approved => "approved",
            VerifyCheckResult.Failed => "failed",
            VerifyCheckResult.NotApproved => "pending",
            _ => answer.ToString(),
        });
    }

    [Fact]
    public async Task An_exotel_that_cannot_answer_a_check_is_provider_unavailable_not_a_wrong_code()
    {
        var verify = Client<IVerifyGateway>(httpRetries: 0);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.ServiceUnavailable, "upstream unavailable", "text/plain");

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => verify.CheckAsync("VE0001", "482916", CancellationToken.None));
    }
}
