using System.Text;
using System.Text.Json.Nodes;
using FluentValidation;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Mediator;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Sms;

public class AcceptWebhookHandlerTests
{
    private static readonly DateTimeOffset Now = TestUsers.T0;

    private readonly FakeTimeProvider clock = new(Now);
    private readonly JsonPayloadParser parser = new();

    [Fact]
    public async Task Identified_sms_status_is_stored_in_the_inbox()
    {
        var inbox = new FakeInbox(InboxAcceptance.Accepted);

        var acceptance = await Handler(inbox).Handle(
            Webhook(WebhookSource.Sms, """{"SmsSid":"SM1","Status":"sent","DetailedStatusCode":"20005"}"""), CancellationToken.None);

        Assert.Equal(InboxAcceptance.Accepted, acceptance);
        Assert.Equal(["application/json"], parser.ContentTypes);
        var entry = Assert.Single(inbox.Entries);
        Assert.Equal(WebhookSource.Sms, entry.Source);
        Assert.Equal(new WebhookIdentity("SM1|sent|20005", "sms.sent"), entry.Identity);
        Assert.Equal(Now, entry.ReceivedAt);
        Assert.Equal("SM1", JsonNode.Parse(entry.Payload)!["SmsSid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Duplicate_answer_of_the_inbox_is_returned()
    {
        var inbox = new FakeInbox(InboxAcceptance.Duplicate);

        var acceptance = await Handler(inbox).Handle(Webhook(WebhookSource.Sms, """{"SmsSid":"SM1","Status":"sent"}"""), CancellationToken.None);

        Assert.Equal(InboxAcceptance.Duplicate, acceptance);
    }

    [Fact]
    public async Task Re_delivery_and_new_status_get_the_same_and_a_different_key()
    {
        var inbox = new FakeInbox();
        var handler = Handler(inbox);

        await handler.Handle(Webhook(WebhookSource.Sms, """{"SmsSid":"SM1","Status":"submitted"}"""), CancellationToken.None);
        await handler.Handle(Webhook(WebhookSource.Sms, """{"SmsSid":"SM1","Status":"submitted"}"""), CancellationToken.None);
        await handler.Handle(Webhook(WebhookSource.Sms, """{"SmsSid":"SM1","Status":"sent"}"""), CancellationToken.None);

        var keys = inbox.Entries.Select(entry => entry.Identity.EventKey).ToList();
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
    }

    [Theory]
    [InlineData("""{"Status":"sent"}""", "SmsSid")]
    [InlineData("""{"SmsSid":"SM1","Status":"exploded"}""", "Status")]
    [InlineData("""{"SmsSid":"SM1"}""", "Status")]
    public async Task Unidentifiable_sms_webhook_is_a_validation_error_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var inbox = new FakeInbox();

        var error = await Assert.ThrowsAsync<ValidationException>(
            async () => await Handler(inbox).Handle(Webhook(WebhookSource.Sms, body), CancellationToken.None));

        Assert.Equal(field, Assert.Single(error.Errors).PropertyName);
        Assert.Empty(inbox.Entries);
    }

    [Fact]
    public async Task Reader_of_the_webhooks_own_source_identifies_it()
    {
        var inbox = new FakeInbox();

        await Handler(inbox, new StubReader(WebhookSource.Call)).Handle(Webhook(WebhookSource.Call, """{"CallSid":"CA1"}"""), CancellationToken.None);

        Assert.Equal(new WebhookIdentity("call-key", "call.test"), Assert.Single(inbox.Entries).Identity);
    }

    private static AcceptWebhook Webhook(WebhookSource source, string json) =>
        new(source, "application/json", Encoding.UTF8.GetBytes(json), "sig");

    private AcceptWebhookHandler Handler(FakeInbox inbox, params IWebhookEventReader[] others) =>
        new(parser, [new SmsStatusEventReader(), .. others], inbox, clock);

    private sealed class StubReader(WebhookSource source) : IWebhookEventReader
    {
        public WebhookSource Source => source;

        public WebhookIdentity Identify(WebhookFields fields) => new("call-key", "call.test");

        public IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity) => throw new NotSupportedException();
    }
}
