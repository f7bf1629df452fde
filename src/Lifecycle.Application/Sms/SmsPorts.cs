namespace Lifecycle.Application.Sms;

/// <summary>Sends one SMS through the provider. Transient failures throw; business rejections are returned.</summary>
public interface ISmsGateway
{
    Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken ct);
}

/// <param name="CustomField">Our message id, echoed back by the provider's status callback.</param>
public sealed record SmsSendRequest(string To, string Body, string DltTemplateId, SmsType Type, string CustomField);

public enum SmsType
{
    Transactional,
    Promotional,
}

public abstract record SmsSendResult
{
    private SmsSendResult()
    {
    }

    /// <summary>The provider took the message and named it.</summary>
    public sealed record Accepted(string SmsSid) : SmsSendResult;

    /// <summary>The provider refused the message for good (DLT template, invalid number…); retrying cannot help.</summary>
    public sealed record Rejected(string Code, string Reason) : SmsSendResult;
}
