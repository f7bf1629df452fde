namespace Lifecycle.Infrastructure.WhatsApp;

/// <summary>One WhatsApp message to send from our business number.</summary>
internal sealed record WhatsAppMessage(string To, WhatsAppContent Content);

/// <summary>What a message carries: an approved template, reply buttons, or free text.</summary>
internal abstract record WhatsAppContent
{
    private WhatsAppContent()
    {
    }

    /// <summary>An approved template; <paramref name="BodyParameters"/> fill its body's placeholders in order.</summary>
    public sealed record Template(string Name, string LanguageCode, IReadOnlyList<string> BodyParameters) : WhatsAppContent;

    /// <summary>A text with reply buttons; the chosen button's id comes back as <c>ButtonPayload</c>.</summary>
    public sealed record Buttons(string Body, IReadOnlyList<WhatsAppButton> Choices) : WhatsAppContent;

    /// <summary>Free-form text: Exotel refuses it with <c>HSM_MESSAGE_ONLY</c> outside the 24-hour window.</summary>
    public sealed record Text(string Body) : WhatsAppContent;
}

internal sealed record WhatsAppButton(string Id, string Title);

/// <summary>What became of one message of a request, in the order the messages were sent.</summary>
internal abstract record WhatsAppMessageResult
{
    private WhatsAppMessageResult()
    {
    }

    /// <summary>Exotel took the message; its sid is the key of the delivery callbacks.</summary>
    public sealed record Accepted(string Sid) : WhatsAppMessageResult;

    /// <summary>
    /// Refused for good, e.g. <c>HSM_MESSAGE_ONLY</c>, <c>TEMPLATE_NOT_FOUND</c>, <c>TEMPLATE_NOT_APPROVED</c>, or the code
    /// of a refusal of the whole request.
    /// </summary>
    public sealed record Refused(string Code, string Message) : WhatsAppMessageResult;
}
