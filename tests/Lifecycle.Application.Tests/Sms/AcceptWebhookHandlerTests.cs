using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.WhatsApp;
using System.Text;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Webhooks;
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
    public async Task Each_event_of_a_delivery_is_stored_in_the_inbox_with_its_own_key_and_fields()
    {
        var inbox = new FakeInbox(InboxAcceptance.Accepted);

        var acceptance = await Handler(inbox).Handle(Webhook("""{"events":[{"id":"E1"},{"id":"E2"}]}"""), CancellationToken.None);

        Assert.Equal(InboxAcceptance.Accepted, acceptance);
        Assert.Equal(["application/json"], parser.ContentTypes);
        Assert.Equal(["E1", "E2"], inbox.Entries.Select(entry => entry.Identity.EventKey));
        Assert.All(inbox.Entries, entry => Assert.Equal(WhatsAppWebhook.Source, entry.Source));
        Assert.All(inbox.Entries, entry => Assert.Equal(Now, entry.ReceivedAt));
        Assert.Equal("E2", JsonNode.Parse(inbox.Entries[1].Payload)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delivery_is_a_duplicate_when_every_event_in_it_is()
    {
        var acceptance = await Handler(new FakeInbox(InboxAcceptance.Duplicate))
            .Handle(Webhook("""{"events":[{"id":"E1"},{"id":"E2"}]}"""), CancellationToken.None);

        Assert.Equal(InboxAcceptance.Duplicate, acceptance);
    }

    [Fact]
    public async Task A_delivery_with_one_new_event_among_duplicates_is_accepted()
    {
        var inbox = new FakeInbox(InboxAcceptance.Duplicate) { AcceptedKeys = ["E2"] };

        var acceptance = await Handler(inbox).Handle(Webhook("""{"events":[{"id":"E1"},{"id":"E2"}]}"""), CancellationToken.None);

        Assert.Equal(InboxAcceptance.Accepted, acceptance);
    }

    [Fact]
    public async Task An_unidentifiable_delivery_is_a_validation_error_and_nothing_is_stored()
    {
        var inbox = new FakeInbox();

        var error = await Assert.ThrowsAsync<ValidationException>(
            async () => await Handler(inbox).Handle(Webhook("""{"events":[{"id":"E1"},{}]}"""), CancellationToken.None));

        Assert.Equal("events[1].id", Assert.Single(error.Errors).PropertyName);
        Assert.Empty(inbox.Entries);
    }

    [Fact]
    public async Task The_reader_of_the_webhooks_own_source_reads_it()
    {
        var inbox = new FakeInbox();

        await Handler(inbox, new ListReader(CallWebhooks.Status)).Handle(Webhook("""{"events":[{"id":"CA1"}]}""", CallWebhooks.Status), CancellationToken.None);

        Assert.Equal(new WebhookIdentity("CA1", "call.test"), Assert.Single(inbox.Entries).Identity);
    }

    private static AcceptWebhook Webhook(string json, WebhookSource? source = null) =>
        new(source ?? WhatsAppWebhook.Source, "application/json", Encoding.UTF8.GetBytes(json), "sig");

    private AcceptWebhookHandler Handler(FakeInbox inbox, params IWebhookEventReader[] others) =>
        new(parser, [new ListReader(WhatsAppWebhook.Source), .. others], inbox, clock);

    /// <summary>A delivery <c>{"events":[{"id"},…]}</c>: one event per element, keyed by its id.</summary>
    private sealed class ListReader(WebhookSource source) : IWebhookEventReader
    {
        public WebhookSource Source => source;

        public IReadOnlyList<WebhookEvent> Read(WebhookFields delivery)
        {
            var items = delivery.Items("events");
            var missing = items.Select((item, index) => (item, index)).Where(pair => pair.item.Text("id") is null).ToList();
            return missing.Count > 0
                ? throw new ValidationException(missing.Select(pair => new ValidationFailure($"events[{pair.index}].id", "id is required.")))
                : [.. items.Select(item => new WebhookEvent(new WebhookIdentity(item.Text("id")!, $"{source.Name}.test"), item))];
        }

        public IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity) => throw new NotSupportedException();
    }
}
