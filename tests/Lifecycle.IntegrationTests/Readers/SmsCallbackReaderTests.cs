using FluentValidation;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Sms;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Sms;
using static Lifecycle.IntegrationTests.Readers.ReaderFixtures;

namespace Lifecycle.IntegrationTests.Readers;

public class SmsCallbackReaderTests
{
    private readonly SmsCallbackReader reader = new();

    [Theory]
    [InlineData("sms-callback-sent.form", "sms_sid_value|sent|20005", "DELIVERED_TO_HANDSET (20005)")]
    [InlineData("sms-callback-delivered.form", "sms_abc123|delivered|20000", "DELIVERED_TO_HANDSET (20000)")]
    [InlineData("sms-callback-references.json", "sms_abc123def456|delivered_to_handset|20005", "20005")]
    public void Documented_delivery_callbacks_mark_the_message_delivered(string fixture, string key, string detail)
    {
        var command = Command(Parse(fixture));

        var status = Assert.IsType<ApplySmsStatus>(command);
        Assert.Equal(MessageStatus.Delivered, status.Status);
        Assert.Null(status.Failure);
        Assert.Equal(key, status.EventKey);
        Assert.Equal(detail, status.Detail);
    }

    [Theory]
    [InlineData("sms-callback-failed-dnd.form", SmsFailure.DoNotDisturb)]
    [InlineData("sms-callback-failed.form", SmsFailure.DoNotDisturb)]
    [InlineData("sms-callback-dlt-failure.form", SmsFailure.DltRejected)]
    public void Documented_failures_say_why_in_our_words(string fixture, SmsFailure failure)
    {
        var status = Assert.IsType<ApplySmsStatus>(Command(Parse(fixture)));

        Assert.Equal(MessageStatus.Failed, status.Status);
        Assert.Equal(failure, status.Failure);
    }

    [Theory]
    [InlineData("23080", SmsFailure.DltRejected)]
    [InlineData("23084", SmsFailure.DltRejected)]
    [InlineData("23085", SmsFailure.Undelivered)]
    [InlineData("23181", SmsFailure.DltRejected)]
    [InlineData("23186", SmsFailure.DltRejected)]
    [InlineData("23187", SmsFailure.Undelivered)]
    [InlineData("23281", SmsFailure.DltRejected)]
    [InlineData("23079", SmsFailure.Undelivered)]
    public void Dlt_scrubbing_codes_are_exactly_the_documented_ranges(string code, SmsFailure failure)
    {
        var status = Assert.IsType<ApplySmsStatus>(Command(Form(("SmsSid", "SM1"), ("Status", "failed"), ("DetailedStatusCode", code))));

        Assert.Equal(failure, status.Failure);
    }

    [Theory]
    [InlineData("failed-dnd", SmsFailure.DoNotDisturb)]
    [InlineData("expired", SmsFailure.Undelivered)]
    [InlineData("undelivered", SmsFailure.Undelivered)]
    public void Status_words_of_exotels_newer_pages_are_read(string word, SmsFailure failure)
    {
        var status = Assert.IsType<ApplySmsStatus>(Command(Form(("SmsSid", "SM1"), ("Status", word))));

        Assert.Equal(failure, status.Failure);
    }

    [Fact]
    public void An_invalid_number_is_told_apart_from_a_passing_failure()
    {
        var status = Assert.IsType<ApplySmsStatus>(Command(Form(("SmsSid", "SM1"), ("Status", "failed"), ("DetailedStatus", "INVALID_NUMBER"))));

        Assert.Equal(SmsFailure.InvalidNumber, status.Failure);
    }

    [Theory]
    [InlineData("sms-inbound.form", "+919876543210", "YES")]
    [InlineData("sms-inbound-longcode.json", "+911234567890", "Message body of incoming sms")]
    public void Documented_inbound_sms_become_a_received_sms(string fixture, string from, string body)
    {
        var fields = Parse(fixture);

        var received = Assert.IsType<ReceiveSms>(Command(fields));

        Assert.Equal(from, received.From);
        Assert.Equal(body, received.Body);
        Assert.StartsWith("inbound|", received.EventKey);
    }

    [Fact]
    public void Re_delivery_of_the_same_status_has_the_same_key_and_a_new_status_another()
    {
        var first = Key(Form(("SmsSid", "SM1"), ("Status", "sent"), ("DetailedStatusCode", "20005"), ("DateSent", "2026-03-02 09:00:00")));
        var again = Key(WebhookFields.FromJson("""{"smssid":"SM1","status":"SENT","DetailedStatusCode":20005,"DateSent":"2026-03-02 09:00:07"}"""));
        var next = Key(Form(("SmsSid", "SM1"), ("Status", "failed"), ("DetailedStatusCode", "20005")));

        Assert.Equal(first, again);
        Assert.NotEqual(first, next);
    }

    [Fact]
    public void Missing_sid_and_unknown_status_are_both_named()
    {
        var error = Assert.Throws<ValidationException>(() => reader.Read(Form(("Status", "exploded"))));

        Assert.Equal(["SmsSid", "Status"], error.Errors.Select(failure => failure.PropertyName));
        Assert.Contains("failed_dnd", error.Errors.Last().ErrorMessage);
    }

    [Fact]
    public void A_status_look_up_is_stored_under_the_key_of_the_callback_it_stands_for()
    {
        var lookedUp = SmsCallbackReader.AsCallback("sms_sid_value", "sent", "DELIVERED_TO_HANDSET", "20005");

        Assert.Equal(Key(Parse("sms-callback-sent.form")), lookedUp.Identity.EventKey);
    }

    private string Key(WebhookFields fields) => Assert.Single(reader.Read(fields)).Identity.EventKey;

    private object Command(WebhookFields fields)
    {
        var item = Assert.Single(reader.Read(fields));
        return reader.ToCommand(WebhookFields.FromJson(item.Fields.ToJson()), item.Identity);
    }
}
