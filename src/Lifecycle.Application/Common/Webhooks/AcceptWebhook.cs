using Lifecycle.Application.Common.Messaging;
using Mediator;

namespace Lifecycle.Application.Common.Webhooks;

/// <summary>A signed webhook delivery: verified, identified and stored in the inbox, not yet processed.</summary>
public sealed record AcceptWebhook(WebhookSource Source, string ContentType, ReadOnlyMemory<byte> Body, string? Signature)
    : ICommand<InboxAcceptance>, ISignedWebhook, ICommitsOutsideUnitOfWork;

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
        var identity = reader.Identify(fields);
        return await inbox.AcceptAsync(new InboxEntry(command.Source, identity, fields.ToJson(), clock.GetUtcNow()), ct);
    }
}
