using Refit;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>Exotel SMS v1 (guide §3.3, docs/exotel-wire.md): form-urlencoded, HTTP Basic api_key:api_token.</summary>
public interface IExotelSmsApi
{
    [Post("/v1/Accounts/{accountSid}/Sms/send")]
    Task<HttpResponseMessage> SendAsync(string accountSid, [Body(BodySerializationMethod.UrlEncoded)] SmsSendForm form, CancellationToken ct);

    /// <summary>
    /// Up to 100 messages; the form is built by <see cref="SmsBulkForm"/>. The <c>.json</c> path answers JSON: a top-level
    /// array of <c>{"SMSMessage":{…}}</c>, one per message in order (api.md "Outbound wire choices"; read by <see cref="SmsReplies"/>).
    /// </summary>
    [Post("/v1/Accounts/{accountSid}/Sms/bulksend.json")]
    Task<HttpResponseMessage> SendBulkAsync(
        string accountSid, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken ct);

    [Get("/v1/Accounts/{accountSid}/Sms/Messages/{smsSid}")]
    Task<HttpResponseMessage> GetAsync(string accountSid, string smsSid, CancellationToken ct);
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
