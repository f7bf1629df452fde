using Refit;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>Exotel SMS v1 (guide §3.3): form-urlencoded, HTTP Basic api_key:api_token.</summary>
public interface IExotelSmsApi
{
    [Post("/v1/Accounts/{accountSid}/Sms/send")]
    Task<HttpResponseMessage> SendAsync(string accountSid, [Body(BodySerializationMethod.UrlEncoded)] SmsSendForm form, CancellationToken ct);
}

public sealed class SmsSendForm
{
    [AliasAs("From")]
    public required string From { get; init; }

    [AliasAs("To")]
    public required string To { get; init; }

    [AliasAs("Body")]
    public required string Body { get; init; }

    [AliasAs("DltEntityId")]
    public required string DltEntityId { get; init; }

    [AliasAs("DltTemplateId")]
    public required string DltTemplateId { get; init; }

    [AliasAs("SmsType")]
    public required string SmsType { get; init; }

    [AliasAs("StatusCallback")]
    public required string StatusCallback { get; init; }

    [AliasAs("CustomField")]
    public required string CustomField { get; init; }
}
