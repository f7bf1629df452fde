using Lifecycle.Application.Sms;
using System.Text;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Webhooks;

/// <summary>
/// api.md: a webhook's fields are read by the names of the guide and Exotel's docs whatever the encoding, and a form
/// post and a JSON post of the same event are stored alike.
/// </summary>
public class WebhookFieldsTests
{
    [Fact]
    public void Fields_are_found_whatever_the_case_of_their_name()
    {
        var json = WebhookFields.FromJson("""{"SmsSid":"SM1","whatsapp":{"Messages":[{"SID":"WA1"}]}}""");
        var form = WebhookFields.FromPairs([new("SmsSid", "SM1"), new("DetailedStatusCode", "20005")]);

        Assert.Equal("SM1", json.Text("smssid"));
        Assert.Equal("SM1", form.Text("SMSSID"));
        Assert.Equal("20005", form.Text("detailedstatuscode"));
        Assert.Equal("WA1", Assert.Single(json.Child("WhatsApp")!.Items("messages")).Text("sid"));
    }

    [Fact]
    public void A_form_post_and_a_json_post_of_the_same_event_are_stored_alike()
    {
        var form = WebhookFields.FromPairs([new("SmsSid", "SM1"), new("Status", "sent")]);
        var json = WebhookFields.FromJson("""{"SmsSid":"SM1","Status":"sent"}""");

        Assert.Equal(json.ToJson(), form.ToJson());
        Assert.Equal("""{"SmsSid":"SM1","Status":"sent"}""", form.ToJson());
    }

    [Theory]
    [InlineData("""{"Status":""}""")]
    [InlineData("""{"Status":"   "}""")]
    [InlineData("""{"Status":null}""")]
    [InlineData("""{"Status":{"code":1}}""")]
    [InlineData("""{}""")]
    public void An_empty_absent_or_structured_field_reads_as_no_text(string body) =>
        Assert.Null(WebhookFields.FromJson(body).Text("Status"));

    [Fact]
    public void Numbers_and_booleans_read_as_their_json_text()
    {
        var fields = WebhookFields.FromJson("""{"exo_status_code":30008,"Duration":12.5,"read":true}""");

        Assert.Equal(("30008", "12.5", "true"), (fields.Text("exo_status_code"), fields.Text("Duration"), fields.Text("read")));
    }

    [Fact]
    public void Text_keeps_the_value_as_sent()
    {
        Assert.Equal(" sent ", WebhookFields.FromJson("""{"Status":" sent "}""").Text("Status"));
    }

    [Fact]
    public void The_first_present_spelling_of_a_field_wins()
    {
        var fields = WebhookFields.FromJson("""{"CustomField":"","custom_field":"voice-otp:1","customData":"other"}""");

        Assert.Equal("voice-otp:1", fields.Text("CustomField", "custom_field", "customData"));
        Assert.Equal("other", fields.Text("customData", "custom_field"));
        Assert.Null(fields.Text("custom", "Custom_Data"));
    }

    [Fact]
    public void A_path_of_nested_objects_reads_the_text_at_its_end_or_nothing_when_a_step_is_missing()
    {
        var message = WebhookFields.FromJson("""{"content":{"type":"text","text":{"body":"STOP"},"button":"yes"}}""");

        Assert.Equal("STOP", message.At("content", "text", "body"));
        Assert.Equal("text", message.At("content", "type"));
        Assert.Null(message.At("content", "interactive", "body"));
        Assert.Null(message.At("content", "button", "payload"));
        Assert.Null(message.At("missing", "text", "body"));
        Assert.Null(message.Child("content")!.Child("type"));
    }

    [Fact]
    public void A_nested_array_gives_each_object_on_its_own_and_nothing_when_absent_or_not_an_array()
    {
        var delivery = WebhookFields.FromJson("""{"messages":[{"sid":"WA1"},"noise",{"sid":"WA2"}],"single":{"sid":"WA3"}}""");

        var items = delivery.Items("messages");

        Assert.Equal(["WA1", "WA2"], items.Select(item => item.Text("sid")));
        Assert.Equal("""{"sid":"WA1"}""", items[0].ToJson());
        Assert.Empty(delivery.Items("single"));
        Assert.Empty(delivery.Items("absent"));
    }

    [Fact]
    public void An_item_read_on_its_own_leaves_the_delivery_it_came_from_intact()
    {
        var delivery = WebhookFields.FromJson("""{"messages":[{"sid":"WA1"}]}""");

        var item = delivery.Items("messages")[0];
        item.Root["sid"] = "changed";

        Assert.Equal("""{"messages":[{"sid":"WA1"}]}""", delivery.ToJson());
    }

    [Theory]
    [InlineData("""["SM1"]""")]
    [InlineData("42")]
    public void A_json_body_that_is_not_an_object_is_refused(string body)
    {
        var error = Assert.Throws<FormatException>(() => WebhookFields.FromJson(body));
        var fromBytes = Assert.Throws<FormatException>(() => WebhookFields.FromJson(System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.Equal("A webhook JSON body must be an object.", error.Message);
        Assert.Equal(error.Message, fromBytes.Message);
    }

    [Fact]
    public void A_json_body_read_from_its_bytes_reads_as_from_its_text()
    {
        const string body = """{"SmsSid":"SM1","Status":"sent","DetailedStatusCode":20005,"Note":"नमस्ते"}""";

        var fields = WebhookFields.FromJson(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal("SM1", fields.Text("smssid"));
        Assert.Equal("20005", fields.Text("DetailedStatusCode"));
        Assert.Equal("नमस्ते", fields.Text("note"));
        Assert.Equal(WebhookFields.FromJson(body).ToJson(), fields.ToJson());
    }

    [Theory]
    [InlineData("sms", "/webhooks/exotel/sms")]
    [InlineData("call", "/webhooks/exotel/call")]
    [InlineData("voicebot", "/webhooks/exotel/voicebot")]
    public void An_exotel_source_routes_under_exotel_takes_a_token_and_reads_exotels_signature(string name, string route)
    {
        var source = WebhookSource.Exotel(name);

        Assert.Equal(name, source.Name);
        Assert.Equal(route, source.Route);
        Assert.True(source.AcceptsToken);
        Assert.Equal("X-Exotel-Signature", source.SignatureHeader);
        Assert.Equal(WebhookSource.Exotel(name), source);
    }

    [Fact]
    public void A_cqa_source_routes_at_the_top_signs_only_and_reads_its_own_header()
    {
        var source = WebhookSource.SignedBy(WebhookSigner.Cqa, "cqa");

        Assert.Equal("/webhooks/cqa", source.Route);
        Assert.False(source.AcceptsToken);
        Assert.Equal("X-CQA-Signature", source.SignatureHeader);
        Assert.NotEqual(WebhookSource.Exotel("cqa"), source);
        Assert.Equal("cqa", source.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_source_needs_a_name(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => WebhookSource.Exotel(name));

    [Fact]
    public async Task A_webhook_of_a_source_no_reader_knows_is_a_wiring_error_not_a_crash_on_null()
    {
        var handler = new AcceptWebhookHandler(new JsonPayloadParser(), [], new FakeInbox(), new FakeTimeProvider(TestUsers.T0));

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await handler.Handle(new AcceptWebhook(SmsWebhook.Source, "application/json", Encoding.UTF8.GetBytes("{}"), null), CancellationToken.None));
    }

    [Fact]
    public void A_repeated_form_field_reads_as_its_last_value_and_as_a_list()
    {
        var form = WebhookFields.FromPairs([new("prior_steps", "confirmed_account"), new("prior_steps", " checked_invoice "), new("prior_steps", "refund")]);

        Assert.Equal("refund", form.Text("prior_steps"));
        Assert.Equal(["confirmed_account", "checked_invoice", "refund"], form.List("prior_steps"));
    }

    [Theory]
    [InlineData("""{"prior_steps":["a"," b ","",null,3]}""")]
    [InlineData("""{"prior_steps":"[\"a\",\"b\",3]"}""")]
    [InlineData("""{"prior_steps":" a , b ,,3"}""")]
    [InlineData("""{"prior_steps[]":["a","b",3]}""")]
    [InlineData("""{"prior_steps[2]":"3","prior_steps[0]":"a","prior_steps[1]":"b","prior_steps[x]":"","other[0]":"z"}""")]
    public void A_list_is_read_from_every_shape_a_body_gives_it(string json) =>
        Assert.Equal(["a", "b", "3"], WebhookFields.FromJson(json).List("prior_steps"));

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"prior_steps":""}""")]
    [InlineData("""{"prior_steps":"[not json"}""")]
    public void An_absent_or_blank_list_is_empty_and_text_that_only_looks_like_json_is_split(string json)
    {
        var list = WebhookFields.FromJson(json).List("prior_steps");

        Assert.Equal(json.Contains("[not", StringComparison.Ordinal) ? ["[not json"] : [], list);
    }

    [Fact]
    public void An_empty_repeated_field_and_a_repeated_object_have_no_text()
    {
        Assert.Null(WebhookFields.FromJson("""{"a":[]}""").Text("a"));
        Assert.Null(WebhookFields.FromJson("""{"a":[{"b":1}]}""").Text("a"));
        Assert.Equal("2", WebhookFields.FromJson("""{"a":[1,2]}""").Text("a"));
    }
}
