using System.Net;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.Infrastructure.WhatsApp;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>WhatsApp <c>POST /v2/accounts/{sid}/messages</c> in Exotel's documented body, against exotel-wire.md.</summary>
public sealed class WhatsAppContractTests : ExotelContract
{
    private static readonly WhatsAppMessage Welcome = new(
        "+919876543210", new WhatsAppContent.Template("onboarding_welcome_v2", "en", ["Priya", "7 days"]));

    [Fact]
    public async Task A_template_message_goes_out_in_exotels_documented_json_with_our_callback_and_custom_data()
    {
        var whatsApp = Client<ExotelWhatsApp>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.Accepted,
            """{"request_id":"r1","method":"POST","http_code":202,"response":{"whatsapp":{"messages":[{"code":202,"status":"success","data":{"sid":"WA0001"}}]}}}""");

        var result = await whatsApp.SendAsync(Welcome, "message-42", CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/accounts/test-account/messages", request.Path);
        Assert.Equal(ApiCredentials, request.Authorization);
        AssertJsonBody(
            """
            {"custom_data":"message-42","status_callback":"http://lifecycle.test/webhooks/exotel/whatsapp",
             "whatsapp":{"messages":[{"from":"+919100000000","to":"+919876543210","content":{"type":"template",
               "template":{"name":"onboarding_welcome_v2","language":{"code":"en"},
                 "components":[{"type":"body","parameters":[{"type":"text","text":"Priya"},{"type":"text","text":"7 days"}]}]}}}]}}
            """,
            request);
        Assert.Equal(new WhatsAppMessageResult.Accepted("WA0001"), result);
    }

    [Fact]
    public async Task Buttons_and_free_text_share_one_request_and_each_message_gets_its_own_result()
    {
        var whatsApp = Client<ExotelWhatsApp>();
        Exotel.Reply = _ => new CannedReply(
            (HttpStatusCode)207,
            """
            {"response":{"whatsapp":{"messages":[
              {"code":202,"status":"success","data":{"sid":"WA0002"}},
              {"code":400,"status":"failure","error_data":{"error_code":"HSM_MESSAGE_ONLY","message":"Outside the 24 hour window"}}]}}}
            """);

        var results = await whatsApp.SendAsync(
            [
                new WhatsAppMessage("+919876543210", new WhatsAppContent.Buttons(
                    "Ready to activate your account?", [new WhatsAppButton("activate_yes", "Yes, activate"), new WhatsAppButton("activate_later", "Remind me later")])),
                new WhatsAppMessage("+919812345678", new WhatsAppContent.Text("Thanks, we got your message.")),
            ],
            "batch-7",
            CancellationToken.None);

        AssertJsonBody(
            """
            {"custom_data":"batch-7","status_callback":"http://lifecycle.test/webhooks/exotel/whatsapp",
             "whatsapp":{"messages":[
               {"from":"+919100000000","to":"+919876543210","content":{"type":"interactive","interactive":{"type":"button",
                 "body":{"text":"Ready to activate your account?"},
                 "action":{"buttons":[{"type":"reply","reply":{"id":"activate_yes","title":"Yes, activate"}},
                                      {"type":"reply","reply":{"id":"activate_later","title":"Remind me later"}}]}}}},
               {"from":"+919100000000","to":"+919812345678","content":{"type":"text","text":{"body":"Thanks, we got your message."}}}]}}
            """,
            SingleRequest());
        Assert.Equal(
            [new WhatsAppMessageResult.Accepted("WA0002"), new WhatsAppMessageResult.Refused("HSM_MESSAGE_ONLY", "Outside the 24 hour window")],
            results);
    }

    [Fact]
    public async Task A_template_without_parameters_is_sent_without_components()
    {
        var whatsApp = Client<ExotelWhatsApp>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.Accepted, """{"response":{"whatsapp":{"messages":[{"code":202,"status":"success","data":{"sid":"WA0003"}}]}}}""");

        await whatsApp.SendAsync(new WhatsAppMessage("+919876543210", new WhatsAppContent.Template("win_back", "en", [])), "message-43", CancellationToken.None);

        AssertJsonBody(
            """
            {"custom_data":"message-43","status_callback":"http://lifecycle.test/webhooks/exotel/whatsapp",
             "whatsapp":{"messages":[{"from":"+919100000000","to":"+919876543210",
               "content":{"type":"template","template":{"name":"win_back","language":{"code":"en"}}}}]}}
            """,
            SingleRequest());
    }

    [Theory]
    [InlineData("TEMPLATE_NOT_FOUND")]
    [InlineData("TEMPLATE_NOT_APPROVED")]
    public async Task A_message_refused_with_400_carries_its_error_code_and_is_not_retried(string errorCode)
    {
        var whatsApp = Client<ExotelWhatsApp>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.BadRequest,
            $$$$"""{"response":{"whatsapp":{"messages":[{"code":400,"status":"failure","error_data":{"error_code":"{{{{errorCode}}}}","message":"Template problem"}}]}}}""");

        var result = await whatsApp.SendAsync(Welcome, "message-44", CancellationToken.None);

        Assert.Equal(new WhatsAppMessageResult.Refused(errorCode, "Template problem"), result);
        SingleRequest();
    }

    [Fact]
    public async Task A_request_refused_as_a_whole_refuses_every_message_with_exotels_code()
    {
        var whatsApp = Client<ExotelWhatsApp>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.Unauthorized, """{"RestException":{"Status":401,"Code":"AUTHENTICATION_FAILED","Message":"Bad credentials"}}""");

        var results = await whatsApp.SendAsync([Welcome, Welcome with { To = "+919812345678" }], "batch-8", CancellationToken.None);

        Assert.Equal(
            [new WhatsAppMessageResult.Refused("AUTHENTICATION_FAILED", "Bad credentials"), new WhatsAppMessageResult.Refused("AUTHENTICATION_FAILED", "Bad credentials")],
            results);
        SingleRequest();
    }

    [Fact]
    public async Task More_than_100_messages_are_refused_before_anything_is_sent()
    {
        var whatsApp = Client<ExotelWhatsApp>();

        await Assert.ThrowsAsync<ArgumentException>(() => whatsApp.SendAsync([.. Enumerable.Repeat(Welcome, 101)], "batch-9", CancellationToken.None));

        Assert.Empty(Exotel.Requests);
    }

    [Fact]
    public async Task A_rate_limited_send_is_thrown_as_transient()
    {
        var whatsApp = Client<ExotelWhatsApp>(httpRetries: 0);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.TooManyRequests, """{"RestException":{"Status":429,"Message":"Rate limit"}}""");

        var failure = await Assert.ThrowsAsync<ExotelTransientException>(() => whatsApp.SendAsync(Welcome, "message-45", CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.Status);
        SingleRequest();
    }
}
