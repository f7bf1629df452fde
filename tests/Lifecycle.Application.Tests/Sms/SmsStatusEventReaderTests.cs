using FluentValidation;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Sms;

namespace Lifecycle.Application.Tests.Sms;

public class SmsStatusEventReaderTests
{
    private readonly SmsStatusEventReader reader = new();

    [Fact]
    public void Event_key_is_sms_sid_status_and_detailed_status_code()
    {
        var identity = reader.Identify(Fields(("SmsSid", "SM1"), ("Status", "sent"), ("DetailedStatusCode", "20005")));

        Assert.Equal(new WebhookIdentity("SM1|sent|20005", "sms.sent"), identity);
    }

    [Fact]
    public void Event_key_without_a_detailed_status_code_ends_empty() =>
        Assert.Equal("SM1|failed|", reader.Identify(Fields(("SmsSid", "SM1"), ("Status", "failed"))).EventKey);

    [Fact]
    public void Re_delivery_of_the_same_status_has_the_same_key()
    {
        var first = reader.Identify(Fields(("SmsSid", "SM1"), ("Status", "sent"), ("DetailedStatusCode", "20005"), ("DateSent", "2026-03-02 09:00:00")));
        var again = reader.Identify(WebhookFields.FromJson("""{"smssid":"SM1","status":"SENT","DetailedStatusCode":20005,"DateSent":"2026-03-02 09:00:07"}"""));

        Assert.Equal(first.EventKey, again.EventKey);
    }

    [Theory]
    [InlineData("SM1", "failed", "20005")]
    [InlineData("SM1", "sent", "20006")]
    [InlineData("SM2", "sent", "20005")]
    public void New_status_or_another_message_has_a_different_key(string sid, string status, string code)
    {
        var first = reader.Identify(Fields(("SmsSid", "SM1"), ("Status", "sent"), ("DetailedStatusCode", "20005")));

        var other = reader.Identify(Fields(("SmsSid", sid), ("Status", status), ("DetailedStatusCode", code)));

        Assert.NotEqual(first.EventKey, other.EventKey);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_sms_sid_is_a_validation_error_naming_the_field(string? sid)
    {
        var fields = sid is null ? Fields(("Status", "sent")) : Fields(("SmsSid", sid), ("Status", "sent"));

        var error = Assert.Throws<ValidationException>(() => reader.Identify(fields));

        Assert.Equal("SmsSid", Assert.Single(error.Errors).PropertyName);
    }

    [Theory]
    [InlineData("exploded")]
    [InlineData("read")]
    public void Unknown_status_is_a_validation_error_naming_the_field_and_the_known_statuses(string status)
    {
        var error = Assert.Throws<ValidationException>(() => reader.Identify(Fields(("SmsSid", "SM1"), ("Status", status))));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Status", failure.PropertyName);
        Assert.Contains("failed_dnd", failure.ErrorMessage);
    }

    [Fact]
    public void Missing_sid_and_status_are_both_reported()
    {
        var error = Assert.Throws<ValidationException>(() => reader.Identify(Fields(("DetailedStatus", "DELIVERED_TO_HANDSET"))));

        Assert.Equal(["SmsSid", "Status"], error.Errors.Select(failure => failure.PropertyName));
    }

    [Fact]
    public void Command_carries_the_fields_and_the_event_key()
    {
        var fields = Fields(("SmsSid", "SM1"), ("Status", "failed_dnd"), ("DetailedStatus", "DND_NUMBER"), ("DetailedStatusCode", "30008"));

        var command = reader.ToCommand(fields, reader.Identify(fields));

        Assert.Equal(new ApplySmsStatus("SM1", "failed_dnd", "DND_NUMBER", "30008", "SM1|failed_dnd|30008"), command);
    }

    private static WebhookFields Fields(params (string Name, string Value)[] pairs) =>
        WebhookFields.FromPairs(pairs.Select(pair => KeyValuePair.Create(pair.Name, pair.Value)));
}
