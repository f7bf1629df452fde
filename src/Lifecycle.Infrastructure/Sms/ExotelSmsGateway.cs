using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Sms;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>
/// Sends SMS through Exotel — one message with <c>Sms/send</c>, several with <c>Sms/bulksend</c> — with the DLT ids
/// and our status callback, and sorts refusals (returned) from hiccups (thrown, so the outbox retries).
/// </summary>
internal sealed class ExotelSmsGateway(IExotelSmsApi api, IOptions<ExotelOptions> exotel, IOptions<WebhookOptions> webhooks) : ISmsGateway
{
    public static string SmsTypeName(SmsType type) => type == SmsType.Promotional ? "promotional" : "transactional";

    public async Task<IReadOnlyList<SmsSendResult>> SendAsync(IReadOnlyList<SmsSendRequest> requests, CancellationToken ct)
    {
        var options = exotel.Value;
        using var response = requests.Count == 1
            ? await api.SendAsync(options.AccountSid, SingleForm(requests[0]), ct)
            : await api.SendBulkAsync(options.AccountSid, SmsBulkForm.Build(requests, options.SmsSender, options.Dlt.EntityId, StatusCallback), ct);
        var body = await ExotelResponse.ReadBodyAsync(response, ct);
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = ExotelRefusal.Read(response.StatusCode, body);
            return [.. requests.Select(_ => Rejected(code, message))];
        }

        // Exotel took the request: never throw from here on, or the outbox would send every message again.
        var replies = requests.Count == 1 ? [SmsReplies.One(body)] : SmsReplies.Many(body);
        return replies.Count == requests.Count
            ? [.. replies.Select(Result)]
            : [.. requests.Select(request => replies.FirstOrDefault(reply => reply.GetValueOrDefault("CustomField") == request.CustomField) is { } reply
                ? Result(reply)
                : new SmsSendResult.Rejected("NO_REPLY_ENTRY", "Exotel's answer named no message for this one"))];
    }

    public async Task<SmsStatusReport?> GetStatusAsync(string smsSid, CancellationToken ct)
    {
        using var response = await api.GetAsync(exotel.Value.AccountSid, smsSid, ct);
        var body = await ExotelResponse.ReadBodyAsync(response, ct);

        var fields = response.IsSuccessStatusCode ? SmsReplies.One(body) : new Dictionary<string, string>();
        return fields.TryGetValue("Status", out var status) && ExotelSmsVocabulary.TryStatus(status, out var mapped)
            ? new SmsStatusReport(
                mapped,
                status,
                SmsCallbackReader.AsCallback(smsSid, status, fields.GetValueOrDefault("DetailedStatus"), fields.GetValueOrDefault("DetailedStatusCode")))
            : null;
    }

    private string StatusCallback => ExotelCallbacks.Url(webhooks.Value, WebhookSource.Sms);

    private SmsSendForm SingleForm(SmsSendRequest request) => new()
    {
        From = exotel.Value.SmsSender,
        To = request.To,
        Body = request.Body,
        DltEntityId = exotel.Value.Dlt.EntityId,
        DltTemplateId = request.DltTemplateId,
        SmsType = SmsTypeName(request.Type),
        StatusCallback = StatusCallback,
        CustomField = request.CustomField,
    };

    private static SmsSendResult Result(IReadOnlyDictionary<string, string> reply) =>
        reply.TryGetValue("Sid", out var sid) && sid.Length > 0
            ? new SmsSendResult.Accepted(sid)
            : Rejected(
                reply.GetValueOrDefault("Code") ?? reply.GetValueOrDefault("DetailedStatusCode") ?? "unknown",
                reply.GetValueOrDefault("Message") ?? reply.GetValueOrDefault("DetailedStatus") ?? "refused");

    private static SmsSendResult.Rejected Rejected(string code, string message) =>
        new(code, message, ExotelSmsVocabulary.IsInvalidNumber(code) || ExotelSmsVocabulary.IsInvalidNumber(message) ? SmsFailure.InvalidNumber : SmsFailure.Refused);
}
