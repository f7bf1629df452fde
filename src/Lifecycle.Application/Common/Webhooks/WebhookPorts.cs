using Mediator;

namespace Lifecycle.Application.Common.Webhooks;

/// <summary>
/// Decides whether a webhook delivery is ours: an HMAC-SHA256 signature over the raw body with one of the source's
/// secrets, or one of the configured callback tokens in its URL (api.md: both always on; CQA signs only).
/// </summary>
public interface IWebhookAuthenticator
{
    bool IsAuthentic(WebhookSource source, ReadOnlySpan<byte> body, string? signature, string? token);
}

/// <summary>Reads a raw webhook body in any accepted encoding into <see cref="WebhookFields"/>.</summary>
public interface IWebhookPayloadParser
{
    /// <exception cref="Errors.UnreadableWebhookException">The body does not parse as its content type says.</exception>
    ValueTask<WebhookFields> ParseAsync(string contentType, ReadOnlyMemory<byte> body, CancellationToken ct);
}

/// <summary>What identifies an event: its de-duplication key and a short type for logs and metrics.</summary>
public sealed record WebhookIdentity(string EventKey, string EventType);

/// <summary>One event of a delivery: its identity and the fields it is stored (and later read) with.</summary>
public sealed record WebhookEvent(WebhookIdentity Identity, WebhookFields Fields);

/// <summary>
/// A provider adapter's knowledge of one webhook: which events a delivery carries and what identifies each, and which
/// command — in our own words, never the provider's — an event becomes once it leaves the inbox. Implementations
/// live next to the provider's client in Infrastructure: they are the only code that knows the provider's fields.
/// </summary>
public interface IWebhookEventReader
{
    WebhookSource Source { get; }

    /// <summary>
    /// Exotel flows also report this webhook from inside a call through a Passthru applet: a GET whose query is the
    /// event's fields, authenticated by the URL token alone (there is no body to sign).
    /// </summary>
    bool AcceptsPassthru => false;

    /// <summary>The events of one delivery, each keyed alone (a WhatsApp delivery may carry several).</summary>
    /// <exception cref="FluentValidation.ValidationException">An identifying field is missing.</exception>
    IReadOnlyList<WebhookEvent> Read(WebhookFields delivery);

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

/// <summary>A command carrying a webhook's raw body, signature and URL token, checked before anything reads the body.</summary>
public interface IAuthenticatedWebhook
{
    WebhookSource Source { get; }

    ReadOnlyMemory<byte> Body { get; }

    string? Signature { get; }

    string? Token { get; }
}

/// <summary>The webhook event being processed, as the inbox keeps it.</summary>
public interface ICurrentWebhookEvent
{
    /// <summary>
    /// The event concerns nobody we may keep data about (an erased user, a number that is no user's): the inbox's copy of
    /// its fields is dropped in the current unit of work. Outside inbox processing it does nothing.
    /// </summary>
    Task ForgetAsync(CancellationToken ct);
}
