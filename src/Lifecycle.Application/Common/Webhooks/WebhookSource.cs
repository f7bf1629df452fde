namespace Lifecycle.Application.Common.Webhooks;

/// <summary>Who signs a source's callbacks: it picks the secrets (<c>Webhooks:Secrets:{signer}</c>) and the header.</summary>
public enum WebhookSigner
{
    /// <summary>Exotel's products: <c>X-Exotel-Signature</c>, or the callback token in the URL (ADR 0005).</summary>
    Exotel,

    /// <summary>Conversation-quality analytics: <c>X-CQA-Signature</c> only.</summary>
    Cqa,
}

/// <summary>
/// A webhook a module receives: its name (the last segment of its route) and who signs it. Each module declares the
/// sources it owns next to its commands; the routes are mapped from the readers the modules register, so adding a
/// product's webhook touches no shared list.
/// </summary>
public sealed record WebhookSource
{
    private WebhookSource(string name, WebhookSigner signer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Signer = signer;
    }

    /// <summary>The route segment and the name the inbox stores (<c>sms</c>, <c>call</c>…).</summary>
    public string Name { get; }

    public WebhookSigner Signer { get; }

    /// <summary><c>/webhooks/exotel/{name}</c> for Exotel's products, <c>/webhooks/{name}</c> for CQA.</summary>
    public string Route => Signer == WebhookSigner.Exotel ? $"/webhooks/exotel/{Name}" : $"/webhooks/{Name}";

    /// <summary>Only Exotel's callbacks may prove themselves by a URL token; CQA signs every callback.</summary>
    public bool AcceptsToken => Signer == WebhookSigner.Exotel;

    public string SignatureHeader => Signer == WebhookSigner.Exotel ? "X-Exotel-Signature" : "X-CQA-Signature";

    /// <summary>A callback of one of Exotel's products, at <c>/webhooks/exotel/{product}</c>.</summary>
    public static WebhookSource Exotel(string product) => new(product, WebhookSigner.Exotel);

    /// <summary>A callback signed with its own secret, at <c>/webhooks/{name}</c>.</summary>
    public static WebhookSource SignedBy(WebhookSigner signer, string name) => new(name, signer);

    public override string ToString() => Name;
}
