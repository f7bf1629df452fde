using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Sms;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>
/// Sends SMS through Exotel — one message with <c>Sms/send</c>, several with <c>Sms/bulksend</c> — with the DLT ids
/// and our status callback, and sorts refusals and unknown outcomes (returned) from clear refusals of the request
/// (thrown, so the outbox retries: nothing went out).
/// </summary>
internal sealed class ExotelSmsGateway(IExotelSmsApi api, IOptions<ExotelOptions> exotel, IOptions<WebhookOptions> webhooks) : ISmsGateway
{
    public static string SmsTypeName(SmsType type) => type == SmsType.Promotional ? "promotional" : "transactional";

    public async Task<IReadOnlyList<SmsSendResult>> SendAsync(IReadOnlyList<SmsSendRequest> requests, CancellationToken ct)
    {
        try
        {
            return await SendOnceAsync(requests, ct);
        }
        catch (Exception exception) when (ProviderOutcomeUnknownException.FindIn(exception) is not null)
        {
            var reason = ProviderOutcomeUnknownException.FindIn(exception)!.Message;
            return [.. requests.Select(_ => new SmsSendResult.OutcomeUnknown(reason))];
        }
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

    private async Task<IReadOnlyList<SmsSendResult>> SendOnceAsync(IReadOnlyList<SmsSendRequest> requests, CancellationToken ct)
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
        var replies = requests.Count == 1 ? SmsReplies.TryOne(body) is { } one ? [one] : null : SmsReplies.Many(body);
        if (replies is null)
        {
            return [.. requests.Select(_ => new SmsSendResult.OutcomeUnknown("Exotel accepted the request with a reply we cannot read"))];
        }

        return replies.Count == requests.Count
            ? [.. replies.Select(Result)]
            : [.. requests.Select(request => replies.FirstOrDefault(reply => reply.GetValueOrDefault("CustomField") == request.CustomField) is { } reply
                ? Result(reply)
                : new SmsSendResult.OutcomeUnknown("Exotel's reply names no entry for this message"))];
    }

    private string StatusCallback => ExotelCallbacks.Url(webhooks.Value, SmsWebhook.Source);

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

    /// <summary>An entry with a sid was accepted, one with an error code refused; one with neither tells nothing.</summary>
    private static SmsSendResult Result(IReadOnlyDictionary<string, string> reply) =>
        (reply.GetValueOrDefault("Sid"), reply.GetValueOrDefault("Code") ?? reply.GetValueOrDefault("DetailedStatusCode")) switch
        {
            ({ Length: > 0 } sid, _) => new SmsSendResult.Accepted(sid),
            (_, { } code) => Rejected(code, reply.GetValueOrDefault("Message") ?? reply.GetValueOrDefault("DetailedStatus") ?? "refused"),
            _ => new SmsSendResult.OutcomeUnknown("Exotel's reply entry names neither a sid nor a refusal"),
        };

    private static SmsSendResult.Rejected Rejected(string code, string message) =>
        new(code, message, ExotelSmsVocabulary.IsInvalidNumber(code) || ExotelSmsVocabulary.IsInvalidNumber(message) ? SmsFailure.InvalidNumber : SmsFailure.Refused);
}
