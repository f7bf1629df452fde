using System.Net;
using Lifecycle.Application.Sms;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>The SMS gateway against Exotel's documented replies (fixtures copied from its pages).</summary>
public sealed class SmsContractTests : ExotelContract
{
    private static readonly SmsSendRequest[] Two =
    [
        new("+919876543210", "Hi Rahul", "1107000000000000001", SmsType.Transactional, "m1"),
        new("+919876543211", "Hi Priya", "1107000000000000001", SmsType.Transactional, "m2"),
    ];

    [Fact]
    public async Task A_bulk_send_posts_to_bulksend_json_and_reads_the_documented_reply()
    {
        var gateway = Client<ISmsGateway>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, ExotelFixtures.Read("sms-bulksend-reply.json"));

        var results = await gateway.SendAsync(Two, CancellationToken.None);

        Assert.Equal("/v1/Accounts/test-account/Sms/bulksend.json", SingleRequest().Path);
        Assert.Equal([new SmsSendResult.Accepted("sms_sid_1"), new SmsSendResult.Accepted("sms_sid_2")], results);
    }

    [Fact]
    public async Task A_bulk_send_reads_the_top_level_array_of_sms_messages()
    {
        var gateway = Client<ISmsGateway>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.OK, """[{"SMSMessage":{"Sid":"SM1","Status":"queued","To":"+919876543210"}},{"SMSMessage":{"Sid":"SM2","Status":"queued","To":"+919876543211"}}]""");

        var results = await gateway.SendAsync(Two, CancellationToken.None);

        Assert.Equal([new SmsSendResult.Accepted("SM1"), new SmsSendResult.Accepted("SM2")], results);
    }

    [Fact]
    public async Task A_single_send_reads_the_documented_reply()
    {
        var gateway = Client<ISmsGateway>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, ExotelFixtures.Read("sms-send-reply.json"));

        var results = await gateway.SendAsync([Two[0]], CancellationToken.None);

        Assert.Equal("/v1/Accounts/test-account/Sms/send", SingleRequest().Path);
        Assert.Equal([new SmsSendResult.Accepted("sms_sid_value")], results);
    }

    [Fact]
    public async Task An_accepted_bulk_send_whose_reply_cannot_be_read_is_an_unknown_outcome_for_every_message()
    {
        var gateway = Client<ISmsGateway>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, "<html>upstream answered</html>", "text/html");

        var results = await gateway.SendAsync(Two, CancellationToken.None);

        Assert.All(results, result => Assert.IsType<SmsSendResult.OutcomeUnknown>(result));
        SingleRequest();
    }

    [Fact]
    public async Task A_500_in_exotels_error_envelope_is_a_refusal_and_is_tried_again()
    {
        var gateway = Client<ISmsGateway>();
        var answered = 0;
        Exotel.Reply = _ => Interlocked.Increment(ref answered) == 1
            ? new CannedReply(HttpStatusCode.InternalServerError, """{"RestException":{"Status":500,"Message":"Internal Server Error"}}""")
            : null;

        var results = await gateway.SendAsync([Two[0]], CancellationToken.None);

        Assert.IsType<SmsSendResult.Accepted>(Assert.Single(results));
        Assert.Equal(2, Exotel.Requests.Count);
    }

    [Fact]
    public async Task A_bare_500_is_an_unknown_outcome_and_is_not_tried_again()
    {
        var gateway = Client<ISmsGateway>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.InternalServerError, "", "text/plain");

        var results = await gateway.SendAsync([Two[0]], CancellationToken.None);

        Assert.IsType<SmsSendResult.OutcomeUnknown>(Assert.Single(results));
        SingleRequest();
    }
}
