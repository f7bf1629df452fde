using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Sms;

/// <summary>
/// Sends SMS through the provider. What surely did not go out (a clear refusal: no connection, rate limit) throws;
/// business rejections and unknown outcomes are returned.
/// </summary>
public interface ISmsGateway
{
    /// <summary>Sends up to 100 messages in one request; one result per request, in order.</summary>
    Task<IReadOnlyList<SmsSendResult>> SendAsync(IReadOnlyList<SmsSendRequest> requests, CancellationToken ct);

    /// <summary>The provider's current view of a message, for reconciliation when its callback is lost.</summary>
    Task<SmsStatusReport?> GetStatusAsync(string smsSid, CancellationToken ct);
}

/// <param name="CustomField">Our message id, echoed back by the provider's status callback.</param>
public sealed record SmsSendRequest(string To, string Body, string DltTemplateId, SmsType Type, string CustomField);

/// <summary>
/// The provider's current status of a message, and the same report in the form its status callback takes — so that it
/// is stored and de-duplicated exactly like that callback.
/// </summary>
public sealed record SmsStatusReport(MessageStatus Status, string Description, WebhookEvent AsCallback);

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
    public sealed record Rejected(string Code, string Reason, SmsFailure Failure = SmsFailure.Refused) : SmsSendResult;

    /// <summary>
    /// The provider may have taken the message and we cannot tell (timeout after the request was written, a reply we
    /// cannot read): sending it again could be the duplicate (ADR 0006).
    /// </summary>
    public sealed record OutcomeUnknown(string Reason) : SmsSendResult;
}
