using FluentValidation;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.WhatsApp;
using static Lifecycle.IntegrationTests.Readers.ReaderFixtures;

namespace Lifecycle.IntegrationTests.Readers;

public class WhatsAppCallbackReaderTests
{
    private readonly WhatsAppCallbackReader reader = new();

    [Theory]
    [InlineData("whatsapp-callback-dlr.json", "2FdiiEQUosckPhpZfuVwfjxiSlc16a4")]
    [InlineData("whatsapp-callback-flat.json", "msg_sid_value")]
    [InlineData("whatsapp-status-event.json", "msg_out_001")]
    public void Documented_delivery_reports_mark_the_message_delivered(string fixture, string sid)
    {
        var status = Assert.IsType<ApplyWhatsAppStatus>(Assert.Single(Commands(Parse(fixture))));

        Assert.Equal(sid, status.MessageSid);
        Assert.Equal(MessageStatus.Delivered, status.Status);
    }

    [Fact]
    public void Exotels_nested_delivery_report_is_keyed_by_sid_and_code()
    {
        var identity = Assert.Single(reader.Read(Parse("whatsapp-callback-dlr.json"))).Identity;

        Assert.Equal("2FdiiEQUosckPhpZfuVwfjxiSlc16a4||30002", identity.EventKey);
    }

    [Fact]
    public void Documented_inbound_text_becomes_a_received_message_from_an_e164_number()
    {
        var received = Assert.IsType<ReceiveWhatsAppMessage>(Assert.Single(Commands(Parse("whatsapp-callback-icm-text.json"))));

        Assert.Equal("+919876543210", received.From);
        Assert.Equal("Hello, I need help with my order", received.Body);
        Assert.Null(received.ButtonPayload);
        Assert.Equal("inbound|+919876543210|2024-06-15T10:30:00Z", received.EventKey);
    }

    [Theory]
    [InlineData("whatsapp-incoming-button-event.json", "confirm_order_12345")]
    [InlineData("whatsapp-incoming-interactive-reply.json", "rating_great")]
    public void Documented_button_replies_carry_their_payload(string fixture, string payload)
    {
        var received = Assert.IsType<ReceiveWhatsAppMessage>(Assert.Single(Commands(Parse(fixture))));

        Assert.Equal(payload, received.ButtonPayload);
        Assert.Equal("+919876543210", received.From);
    }

    [Fact]
    public void A_button_reply_inside_exotels_nested_shape_is_read()
    {
        var fields = ParseBody("""
            {"whatsapp":{"messages":[{"callback_type":"icm","sid":"IN1","from":"919876543210","timestamp":"2024-06-15 16:00:00",
              "content":{"type":"button","button":{"text":"Start Setup","payload":"start_setup"}}}]}}
            """, "application/json");

        var received = Assert.IsType<ReceiveWhatsAppMessage>(Assert.Single(Commands(fields)));

        Assert.Equal("start_setup", received.ButtonPayload);
        Assert.Equal("inbound|IN1", received.EventKey);
    }

    [Fact]
    public void Several_events_in_one_post_are_each_keyed_and_applied_alone()
    {
        var fields = ParseBody("""
            {"whatsapp":{"messages":[
              {"callback_type":"dlr","sid":"W1","to":"919876543210","exo_status_code":30001,"timestamp":"2024-01-15T10:30:00Z"},
              {"callback_type":"dlr","sid":"W1","to":"919876543210","exo_status_code":30002,"timestamp":"2024-01-15T10:30:05Z"},
              {"callback_type":"icm","from":"919876543210","timestamp":"2024-01-15 16:01:00","content":{"type":"text","text":{"body":"hi"}}}]}}
            """, "application/json");

        var events = reader.Read(fields);

        Assert.Equal(["W1||30001", "W1||30002", "inbound|+919876543210|2024-01-15T10:31:00Z"], events.Select(item => item.Identity.EventKey));
        Assert.Equal([MessageStatus.Submitted, MessageStatus.Delivered], Commands(fields).OfType<ApplyWhatsAppStatus>().Select(status => status.Status));
    }

    [Fact]
    public void The_same_inbound_message_written_with_exotels_local_time_or_iso_is_one_event()
    {
        string Key(string timestamp) => Assert.Single(reader.Read(ParseBody(
            """{"whatsapp":{"messages":[{"callback_type":"icm","from":"919876543210","timestamp":"TIME","content":{"type":"text","text":{"body":"hi"}}}]}}""".Replace("TIME", timestamp),
            "application/json"))).Identity.EventKey;

        Assert.Equal(Key("2024-01-15T10:31:00Z"), Key("2024-01-15 16:01:00"));
    }

    [Theory]
    [InlineData("30001", MessageStatus.Submitted)]
    [InlineData("30003", MessageStatus.Seen)]
    [InlineData("30004", MessageStatus.Failed)]
    [InlineData("30041", MessageStatus.Failed)]
    public void Status_codes_map_to_our_states(string code, MessageStatus expected)
    {
        var status = Assert.IsType<ApplyWhatsAppStatus>(Assert.Single(Commands(ParseBody(
            $$"""{"sid":"W1","exo_status_code":{{code}}}""", "application/json"))));

        Assert.Equal(expected, status.Status);
    }

    [Fact]
    public void The_guides_flat_shorthand_is_still_read()
    {
        var status = Assert.IsType<ApplyWhatsAppStatus>(Assert.Single(Commands(ParseBody(
            """{"MessageSid":"W9","From":"+919100000000","To":"whatsapp:+919876543210","Status":"failed","StatusCode":30008}""", "application/json"))));
        var inbound = Assert.IsType<ReceiveWhatsAppMessage>(Assert.Single(Commands(ParseBody(
            """{"MessageSid":"W10","From":"whatsapp:+919876543210","Body":"Talk to someone","ButtonPayload":"talk_to_someone"}""", "application/json"))));

        Assert.Equal(("W9", MessageStatus.Failed, "W9|failed|30008"), (status.MessageSid, status.Status, status.EventKey));
        Assert.Equal(("+919876543210", "talk_to_someone", "inbound|W10"), (inbound.From, inbound.ButtonPayload, inbound.EventKey));
    }

    [Fact]
    public void Unreadable_events_are_named_by_their_place_in_the_post()
    {
        var fields = ParseBody("""
            {"whatsapp":{"messages":[{"callback_type":"dlr","sid":"W1","exo_status_code":30002},
              {"callback_type":"dlr","exo_status_code":99999},{"callback_type":"icm","content":{"type":"text","text":{"body":"hi"}}}]}}
            """, "application/json");

        var error = Assert.Throws<ValidationException>(() => reader.Read(fields));

        Assert.Equal(
            ["whatsapp.messages[1].sid", "whatsapp.messages[1].exo_status_code", "whatsapp.messages[2].from"],
            error.Errors.Select(failure => failure.PropertyName));
    }

    private List<object> Commands(WebhookFields fields) =>
        [.. reader.Read(fields).Select(item => (object)reader.ToCommand(WebhookFields.FromJson(item.Fields.ToJson()), item.Identity))];
}
