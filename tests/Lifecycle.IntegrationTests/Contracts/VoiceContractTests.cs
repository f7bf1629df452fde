using System.Net;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.Infrastructure.Voice;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>Voice v1 <c>Calls/connect</c> and call details, and v2 CCM click-to-call, against exotel-wire.md.</summary>
public sealed class VoiceContractTests : ExotelContract
{
    private const string CallJson = """
        {"Call":{"Sid":"CA0001","ParentCallSid":null,"From":"+919876543210","To":"+911140000000","Status":"queued",
                 "StartTime":"2026-05-19 15:30:00","EndTime":null,"Duration":null,"RecordingUrl":null,"CustomField":"call:42"}}
        """;

    [Fact]
    public async Task Calls_connect_sends_the_flow_url_caller_id_and_terminal_callback_as_a_form()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, CallJson);

        var placement = await calls.ConnectAsync(
            new CallToConnect
            {
                From = "+919876543210",
                Url = calls.FlowUrl("activation-flow"),
                CustomField = "call:42",
                Callback = CallCallback.Voicebot,
                Record = true,
                RecordingChannels = RecordingChannels.Dual,
                TimeLimit = TimeSpan.FromMinutes(10),
                TimeOut = TimeSpan.FromSeconds(30),
            },
            CancellationToken.None);

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
                ["Url"] = "http://my.exotel.com/test-account/exoml/start_voice/activation-flow",
                ["CustomField"] = "call:42",
                ["StatusCallback"] = "http://lifecycle.test/webhooks/exotel/voicebot",
                ["StatusCallbackEvents[0]"] = "terminal",
                ["Record"] = "true",
                ["RecordingChannels"] = "dual",
                ["TimeLimit"] = "600",
                ["TimeOut"] = "30",
            },
            request);
        var placed = Assert.IsType<CallPlacement.Placed>(placement);
        Assert.Equal(new ExotelCall("CA0001", "queued") { From = "+919876543210", To = VirtualNumber, StartTime = "2026-05-19 15:30:00", CustomField = "call:42" }, placed.Call);
    }

    [Fact]
    public async Task Calls_connect_leaves_out_every_optional_field_that_is_not_set()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, CallJson);

        await calls.ConnectAsync(new CallToConnect { From = "+919876543210", To = "+919812345678", Record = false }, CancellationToken.None);

        AssertForm(
            new Dictionary<string, string>
            {
                ["From"] = "+919876543210",
                ["To"] = "+919812345678",
                ["CallerId"] = VirtualNumber,
                ["StatusCallback"] = "http://lifecycle.test/webhooks/exotel/call",
                ["StatusCallbackEvents[0]"] = "terminal",
                ["Record"] = "false",
            },
            SingleRequest());
    }

    [Fact]
    public async Task Calls_connect_reads_exotels_default_xml_reply()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.OK,
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <TwilioResponse>
              <Call>
                <Sid>CA0002</Sid><ParentCallSid/><From>+919876543210</From><To>+911140000000</To><Status>in-progress</Status>
                <StartTime>2026-05-19 15:30:00</StartTime><EndTime/><Duration/><RecordingUrl/><CustomField>call:43</CustomField>
              </Call>
            </TwilioResponse>
            """,
            "application/xml");

        var placement = await calls.ConnectAsync(new CallToConnect { From = "+919876543210", Url = calls.FlowUrl("f") }, CancellationToken.None);

        var placed = Assert.IsType<CallPlacement.Placed>(placement);
        Assert.Equal(new ExotelCall("CA0002", "in-progress") { From = "+919876543210", To = VirtualNumber, StartTime = "2026-05-19 15:30:00", CustomField = "call:43" }, placed.Call);
    }

    [Fact]
    public async Task A_custom_field_of_128_characters_is_sent_and_one_more_is_refused_before_anything_is_sent()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, CallJson);

        await calls.ConnectAsync(new CallToConnect { From = "+919876543210", To = "+919812345678", CustomField = new string('x', 128) }, CancellationToken.None);
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => calls.ConnectAsync(
            new CallToConnect { From = "+919876543210", To = "+919812345678", CustomField = new string('x', 129) }, CancellationToken.None));

        Assert.Equal(new string('x', 128), SingleRequest().Form["CustomField"]);
        Assert.Contains("128", tooLong.Message);
    }

    [Fact]
    public async Task A_call_without_a_to_number_or_flow_url_is_refused_before_anything_is_sent()
    {
        var calls = Client<ExotelCalls>();

        await Assert.ThrowsAsync<ArgumentException>(() => calls.ConnectAsync(new CallToConnect { From = "+919876543210" }, CancellationToken.None));

        Assert.Empty(Exotel.Requests);
    }

    [Theory]
    [InlineData("""{"RestException":{"Status":400,"Code":"INVALID_NUMBER","Message":"To is not a valid phone number"}}""", "application/json")]
    [InlineData("<TwilioResponse><RestException><Status>400</Status><Code>INVALID_NUMBER</Code><Message>To is not a valid phone number</Message></RestException></TwilioResponse>", "application/xml")]
    public async Task A_refused_call_is_a_result_with_exotels_code_and_is_not_retried(string body, string contentType)
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.BadRequest, body, contentType);

        var placement = await calls.ConnectAsync(new CallToConnect { From = "+919876543210", To = "12" }, CancellationToken.None);

        Assert.Equal(new CallPlacement.Refused("INVALID_NUMBER", "To is not a valid phone number"), placement);
        SingleRequest();
    }

    [Fact]
    public async Task A_rate_limited_call_is_retried_over_http_then_thrown_as_transient()
    {
        var calls = Client<ExotelCalls>(httpRetries: 1);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.TooManyRequests, """{"RestException":{"Status":429,"Message":"Rate limit"}}""");

        var failure = await Assert.ThrowsAsync<ExotelTransientException>(() =>
            calls.ConnectAsync(new CallToConnect { From = "+919876543210", To = "+919812345678" }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.Status);
        Assert.Equal(2, Exotel.Requests.Count);
    }

    [Fact]
    public async Task Call_details_are_read_by_call_sid_from_the_xml_call_envelope()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.OK,
            """
            <TwilioResponse><Call><Sid>CA0003</Sid><ParentCallSid>CA0000</ParentCallSid><From>+919876543210</From>
            <To>+911140000000</To><Status>completed</Status><StartTime>2026-05-19 15:30:00</StartTime>
            <EndTime>2026-05-19 15:33:03</EndTime><Duration>183</Duration>
            <RecordingUrl>https://recordings.exotel.com/CA0003.wav</RecordingUrl><CustomField>call:44</CustomField></Call></TwilioResponse>
            """,
            "application/xml");

        var lookup = await calls.GetAsync("CA0003", CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/Accounts/test-account/Calls/CA0003", request.Path);
        Assert.Equal(ApiCredentials, request.Authorization);
        Assert.Equal("", request.Body);
        var found = Assert.IsType<CallLookup.Found>(lookup);
        Assert.Equal(
            new ExotelCall("CA0003", "completed")
            {
                ParentCallSid = "CA0000",
                From = "+919876543210",
                To = VirtualNumber,
                StartTime = "2026-05-19 15:30:00",
                EndTime = "2026-05-19 15:33:03",
                Duration = 183,
                RecordingUrl = "https://recordings.exotel.com/CA0003.wav",
                CustomField = "call:44",
            },
            found.Call);
    }

    [Fact]
    public async Task Call_details_read_the_json_call_envelope_too()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.OK, """{"Call":{"Sid":"CA0004","Status":"no-answer","Duration":"0","CustomField":"call:45"}}""");

        var lookup = await calls.GetAsync("CA0004", CancellationToken.None);

        Assert.Equal(new CallLookup.Found(new ExotelCall("CA0004", "no-answer") { Duration = 0, CustomField = "call:45" }), lookup);
    }

    [Fact]
    public async Task An_unknown_call_sid_is_a_refusal_with_its_code()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.NotFound, """{"RestException":{"Status":404,"Code":"NOT_FOUND","Message":"Call not found"}}""");

        var lookup = await calls.GetAsync("CA404", CancellationToken.None);

        Assert.Equal(new CallLookup.Refused("NOT_FOUND", "Call not found"), lookup);
        SingleRequest();
    }

    [Fact]
    public async Task Agent_click_to_call_sends_the_ccm_json_recorded_dual_channel_with_a_terminal_callback()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, """{"response":{"call_details":{"sid":"CCM0001","status":"queued"}}}""");

        var placement = await calls.ConnectAgentAsync(
            new AgentCallToConnect("agent-uuid-42", "+919876543210", "user_id:u_12345|ticket:TK_9900"), CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/accounts/test-account/calls", request.Path);
        Assert.Equal(ApiCredentials, request.Authorization);
        Assert.True(request.Headers.ContainsKey("Content-Length"), "the JSON body is sent with a length, not chunked");
        AssertJsonBody(
            """
            {"from":{"user_id":"agent-uuid-42"},"to":{"number":"+919876543210"},"virtual_number":"+911140000000",
             "recording":true,"recording_channels":"dual","custom_field":"user_id:u_12345|ticket:TK_9900",
             "status_callback":[{"event":"terminal","url":"http://lifecycle.test/webhooks/exotel/call"}]}
            """,
            request);
        Assert.Equal(new CallPlacement.Placed(new ExotelCall("CCM0001", "queued")), placement);
    }

    [Fact]
    public void A_flow_url_is_exotels_documented_start_voice_url_of_our_account()
    {
        var calls = Client<ExotelCalls>();

        Assert.Equal("http://my.exotel.com/test-account/exoml/start_voice/activation-flow", calls.FlowUrl("activation-flow"));
        Assert.Equal("http://my.exotel.com/test-account/exoml/start_voice/a%20b", calls.FlowUrl("a b"));
    }

    /// <summary>api.md "Voice v2 CCM answers": the call sid may come in any of these places.</summary>
    [Theory]
    [InlineData("""{"request_id":"r1","http_code":200,"response":{"call_sid":"CCM0002","status":"queued"}}""")]
    [InlineData("""{"request_id":"r1","http_code":200,"response":{"code":200,"status":"success","data":{"call_sid":"CCM0002","status":"queued"}}}""")]
    [InlineData("""{"request_id":"r1","http_code":200,"response":{"code":200,"status":"success","data":{"sid":"CCM0002","status":"queued"}}}""")]
    [InlineData("""{"request_id":"r1","http_code":200,"response":{"code":200,"status":"success","call_details":{"sid":"CCM0002","status":"queued"}}}""")]
    [InlineData("""{"sid":"CCM0002","status":"queued"}""")]
    public async Task An_agent_call_reads_the_call_sid_from_every_ccm_reply_shape(string reply)
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, reply);

        var placement = await calls.ConnectAgentAsync(new AgentCallToConnect("agent-uuid-42", "+919876543210"), CancellationToken.None);

        Assert.Equal("CCM0002", Assert.IsType<CallPlacement.Placed>(placement).Call.Sid);
    }

    [Theory]
    [InlineData("ccm-call-reply.json")]
    [InlineData("ccm-call-reply-contact-center.json")]
    public async Task An_agent_call_reads_the_call_sid_of_exotels_documented_replies(string fixture)
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, ExotelFixtures.Read(fixture));

        var placement = await calls.ConnectAgentAsync(new AgentCallToConnect("agent-uuid-42", "+919876543210"), CancellationToken.None);

        Assert.Equal("unique_call_identifier", Assert.IsType<CallPlacement.Placed>(placement).Call.Sid);
    }

    [Fact]
    public async Task An_agent_call_reply_naming_no_call_sid_is_an_unknown_outcome_never_placed_again()
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, """{"response":{"code":200,"status":"success","data":{}}}""");

        await Assert.ThrowsAsync<ProviderOutcomeUnknownException>(() =>
            calls.ConnectAgentAsync(new AgentCallToConnect("agent-uuid-42", "+919876543210"), CancellationToken.None));
    }

    [Fact]
    public async Task An_agent_call_custom_field_over_255_characters_is_refused_before_anything_is_sent()
    {
        var calls = Client<ExotelCalls>();

        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() =>
            calls.ConnectAgentAsync(new AgentCallToConnect("agent-uuid-42", "+919876543210", new string('x', 256)), CancellationToken.None));

        Assert.Contains("255", tooLong.Message);
        Assert.Empty(Exotel.Requests);
    }

    [Theory]
    [InlineData("""{"RestException":{"Status":400,"Code":"AGENT_NOT_FOUND","Message":"No such user"}}""")]
    [InlineData("""{"request_id":"r1","http_code":400,"response":{"code":400,"status":"failure","error_data":{"code":"AGENT_NOT_FOUND","message":"No such user"}}}""")]
    public async Task A_refused_agent_call_is_a_result_with_exotels_code_from_either_error_envelope(string body)
    {
        var calls = Client<ExotelCalls>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.BadRequest, body);

        var placement = await calls.ConnectAgentAsync(new AgentCallToConnect("nobody", "+919876543210"), CancellationToken.None);

        Assert.Equal(new CallPlacement.Refused("AGENT_NOT_FOUND", "No such user"), placement);
        Assert.DoesNotContain("custom_field", SingleRequest().Body);
    }
}
