namespace Lifecycle.Application.WhatsApp;

/// <summary>
/// Sends one WhatsApp message. What surely did not go out (a clear refusal of the request) throws; refusals and
/// unknown outcomes are returned.
/// </summary>
public interface IWhatsAppGateway
{
    Task<WhatsAppSendResult> SendAsync(WhatsAppSendRequest request, CancellationToken ct);
}

/// <param name="CustomData">Our message id, handed back with the callbacks.</param>
public sealed record WhatsAppSendRequest(string To, WhatsAppBody Body, string CustomData);

public abstract record WhatsAppBody
{
    private WhatsAppBody()
    {
    }

    /// <summary>An approved template (allowed at any time).</summary>
    public sealed record Template(string Name, string Language, IReadOnlyList<string> Parameters) : WhatsAppBody;

    /// <summary>Text with reply buttons (only inside the 24 h window).</summary>
    public sealed record Buttons(string Text, IReadOnlyList<(string Id, string Title)> Choices) : WhatsAppBody;
}

public abstract record WhatsAppSendResult
{
    private WhatsAppSendResult()
    {
    }

    public sealed record Accepted(string MessageSid) : WhatsAppSendResult;

    public sealed record Rejected(string Code, string Reason) : WhatsAppSendResult;

    /// <summary>The provider may have taken the message and we cannot tell: sending it again could be the duplicate.</summary>
    public sealed record OutcomeUnknown(string Reason) : WhatsAppSendResult;

    public const string OutsideWindow = "HSM_MESSAGE_ONLY";

    public static bool IsTemplateRefusal(string code) => code is "TEMPLATE_NOT_APPROVED" or "TEMPLATE_NOT_FOUND" or "TEMPLATE_REJECTED";
}
