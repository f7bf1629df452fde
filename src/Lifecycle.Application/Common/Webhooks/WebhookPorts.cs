using Mediator;

namespace Lifecycle.Application.Common.Webhooks;

/// <summary>Checks a webhook's HMAC-SHA256 signature over the raw body against the source's active secrets.</summary>
public interface IWebhookSignatureVerifier
{
    bool IsValid(WebhookSource source, ReadOnlySpan<byte> body, string? signature);
}

/// <summary>Reads a raw webhook body in any accepted encoding into <see cref="WebhookFields"/>.</summary>
public interface IWebhookPayloadParser
{
    /// <exception cref="Errors.UnreadableWebhookException">The body does not parse as its content type says.</exception>
    ValueTask<WebhookFields> ParseAsync(string contentType, ReadOnlyMemory<byte> body, CancellationToken ct);
}

/// <summary>What identifies an event: its de-duplication key and a short type for logs and metrics.</summary>
public sealed record WebhookIdentity(string EventKey, string EventType);

/// <summary>
/// A product module's knowledge of its own webhook: which fields identify an event, and which command the event
/// becomes once it leaves the inbox.
/// </summary>
public interface IWebhookEventReader
{
    WebhookSource Source { get; }

    /// <exception cref="FluentValidation.ValidationException">An identifying field is missing.</exception>
    WebhookIdentity Identify(WebhookFields fields);

    IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity);
}

public enum InboxAcceptance
{
    Accepted,
    Duplicate,
}

public sealed record InboxEntry(WebhookSource Source, WebhookIdentity Identity, string Payload, DateTimeOffset ReceivedAt);

/// <summary>Durable store of accepted webhook events; its unique event key is the de-duplication record.</summary>
public interface IInbox
{
    /// <summary>Stores the event in its own, group-committed transaction (the webhook path).</summary>
    Task<InboxAcceptance> AcceptAsync(InboxEntry entry, CancellationToken ct);
}

/// <summary>
/// Adds an event to the inbox inside the current unit of work, as if its webhook had arrived: used when we learn
/// an event another way (a status look-up) and want it processed — and de-duplicated — like the callback.
/// </summary>
public interface IInboxInTransaction
{
    Task<InboxAcceptance> AddAsync(InboxEntry entry, CancellationToken ct);
}

/// <summary>A command carrying a webhook's raw body and signature, checked before anything reads the body.</summary>
public interface ISignedWebhook
{
    WebhookSource Source { get; }

    ReadOnlyMemory<byte> Body { get; }

    string? Signature { get; }
}
