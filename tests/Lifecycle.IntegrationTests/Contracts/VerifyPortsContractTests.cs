using System.Net;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Verify;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>
/// Verify's two ports over the wire (exotel-wire.md "Verify", "Voice v1"): the OTP check as the check handler sees it,
/// and the voice OTP call — Verify's own small <c>Calls/connect</c> playing the voice OTP flow.
/// </summary>
public sealed class VerifyPortsContractTests : ExotelContract
{
    private const string Token = "voice-otp:0195a1b2-0000-7000-8000-00000000000a.t0k-en_A";

    [Fact]
    public async Task A_voice_otp_call_dials_the_user_from_our_number_into_the_voice_otp_flow_with_its_token_unrecorded()
    {
        var voice = Client<IVoiceOtpGateway>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.OK, "<TwilioResponse><Call><Sid>CA0009</Sid><Status>in-progress</Status></Call></TwilioResponse>", "application/xml");

        var placed = await voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", Token), CancellationToken.None);

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
                ["Url"] = $"http://my.exotel.com/{AccountSid}/exoml/start_voice/{LifecycleApp.VoiceOtpFlow}",
                ["CustomField"] = Token,
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

        var refused = await voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", Token), CancellationToken.None);

        Assert.Equal(new VoiceOtpCallResult.Refused("INVALID_NUMBER", "From is not a number"), refused);
    }

    [Fact]
    public async Task A_refused_voice_otp_call_is_thrown_as_transient_for_the_outbox_to_retry()
    {
        var voice = Client<IVoiceOtpGateway>(httpRetries: 0);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.ServiceUnavailable, "busy", "text/plain");

        await Assert.ThrowsAsync<ExotelTransientException>(() => voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", Token), CancellationToken.None));
    }

    [Fact]
    public async Task A_bad_gateway_on_a_voice_otp_call_is_an_unknown_outcome_and_the_call_is_not_placed_again()
    {
        var voice = Client<IVoiceOtpGateway>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.BadGateway, "bad gateway", "text/plain");

        var placement = await voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", Token), CancellationToken.None);

        Assert.IsType<VoiceOtpCallResult.OutcomeUnknown>(placement);
        SingleRequest();
    }

    [Theory]
    [InlineData("""{"Call":{"Sid":"ab""", "application/json")]
    [InlineData("<TwilioResponse><Call><Sid>ab", "application/xml")]
    public async Task An_accepted_voice_otp_call_whose_reply_is_cut_off_is_an_unknown_outcome_and_not_placed_again(string body, string contentType)
    {
        var voice = Client<IVoiceOtpGateway>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, body, contentType);

        var placement = await voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", Token), CancellationToken.None);

        Assert.IsType<VoiceOtpCallResult.OutcomeUnknown>(placement);
        SingleRequest();
    }

    [Fact]
    public async Task A_voice_otp_token_over_128_characters_is_refused_before_anything_is_sent()
    {
        var voice = Client<IVoiceOtpGateway>();

        await Assert.ThrowsAsync<ArgumentException>(() => voice.PlaceCallAsync(new VoiceOtpCall("+919876543210", new string('t', 129)), CancellationToken.None));

        Assert.Empty(Exotel.Requests);
    }

    /// <summary>What the check handler gets for each documented answer: our words only, and never a 503 for an answer.</summary>
    public static TheoryData<string, HttpStatusCode, VerifyCheckResult> PortAnswers => new()
    {
        { ExotelFixtures.Read("verify-check-success.json"), HttpStatusCode.OK, new VerifyCheckResult.Approved() },
        { ExotelFixtures.Read("verify-check-wrong-code.json"), HttpStatusCode.BadRequest, new VerifyCheckResult.WrongCode("Invalid OTP Entered") },
        { """{"response":{"code":200,"status":"success","data":{"status":"failure"}}}""", HttpStatusCode.OK, new VerifyCheckResult.WrongCode("failure") },
        { ExotelFixtures.Read("verify-check-expired.json"), HttpStatusCode.BadRequest, new VerifyCheckResult.Expired("OTP has expired") },
        {
            ExotelFixtures.Read("verify-check-too-many-attempts.json"), HttpStatusCode.Forbidden,
            new VerifyCheckResult.AttemptsExhausted("Max attempts exceeded — user tried more than 10 times")
        },
        {
            """{"response":{"code":404,"status":"failure","error_data":{"code":404,"message":"No such verification"}}}""", HttpStatusCode.NotFound,
            new VerifyCheckResult.Refused("404", "No such verification")
        },
    };

    [Theory]
    [MemberData(nameof(PortAnswers))]
    public async Task A_check_answer_reaches_the_port_as_our_own_result(string body, HttpStatusCode status, VerifyCheckResult expected)
    {
        var verify = Client<IVerifyGateway>();
        Exotel.Reply = _ => new CannedReply(status, body);

        Assert.Equal(expected, await verify.CheckAsync("VE0001", "482916", CancellationToken.None));
    }

    [Fact]
    public async Task An_exotel_that_cannot_answer_a_check_is_provider_unavailable_not_a_wrong_code()
    {
        var verify = Client<IVerifyGateway>(httpRetries: 0);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.ServiceUnavailable, "upstream unavailable", "text/plain");

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => verify.CheckAsync("VE0001", "482916", CancellationToken.None));
    }
}
