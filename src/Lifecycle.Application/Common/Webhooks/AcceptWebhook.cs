using Lifecycle.Application.Common.Messaging;
using Mediator;

namespace Lifecycle.Application.Common.Webhooks;

/// <summary>
/// A webhook delivery, authenticated by its signature or its URL token, whose events are identified and stored in the
/// inbox, not yet processed. <c>Duplicate</c> only when every event of the delivery was stored before.
/// </summary>
public sealed record AcceptWebhook(WebhookSource Source, string ContentType, ReadOnlyMemory<byte> Body, string? Signature, string? Token = null)
    : ICommand<InboxAcceptance>, IAuthenticatedWebhook, ICommitsOutsideUnitOfWork;

internal sealed class AcceptWebhookHandler(
    IWebhookPayloadParser parser,
    IEnumerable<IWebhookEventReader> readers,
    IInbox inbox,
    TimeProvider clock) : ICommandHandler<AcceptWebhook, InboxAcceptance>
{
    public async ValueTask<InboxAcceptance> Handle(AcceptWebhook command, CancellationToken ct)
    {
        var reader = readers.Single(candidate => candidate.Source == command.Source);
        var fields = await parser.ParseAsync(command.ContentType, command.Body, ct);
        var events = reader.Read(fields);
        var now = clock.GetUtcNow();
        Task<InboxAcceptance> Accept(WebhookEvent item) => inbox.AcceptAsync(new InboxEntry(command.Source, item.Identity, item.Fields.ToJson(), now), ct);

        // Nearly every delivery carries one event; only a WhatsApp delivery may carry several.
        if (events.Count == 1)
        {
            return await Accept(events[0]);
        }

        var outcomes = await Task.WhenAll(events.Select(Accept));
        return outcomes.All(outcome => outcome == InboxAcceptance.Duplicate) ? InboxAcceptance.Duplicate : InboxAcceptance.Accepted;
    }
}
