using Lifecycle.Application.Sms;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>Sends one SMS through Exotel with the DLT ids and our status callback; sorts refusals from hiccups.</summary>
internal sealed class ExotelSmsGateway(IExotelSmsApi api, IOptions<ExotelOptions> exotel, IOptions<WebhookOptions> webhooks) : ISmsGateway
{
    public async Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken ct)
    {
        var form = new SmsSendForm
        {
            From = exotel.Value.SmsSender,
            To = request.To,
            Body = request.Body,
            DltEntityId = exotel.Value.Dlt.EntityId,
            DltTemplateId = request.DltTemplateId,
            SmsType = request.Type == SmsType.Promotional ? "promotional" : "transactional",
            StatusCallback = $"{webhooks.Value.PublicBaseUrl!.TrimEnd('/')}/webhooks/exotel/sms",
            CustomField = request.CustomField,
        };

        using var response = await api.SendAsync(exotel.Value.AccountSid, form, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return ExotelReply.Read(body, "SMSMessage").TryGetValue("Sid", out var sid)
                ? new SmsSendResult.Accepted(sid)
                : throw new ExotelTransientException(response.StatusCode, "the reply names no SMSMessage Sid");
        }

        if (ExotelTransientException.IsTransient(response.StatusCode))
        {
            throw new ExotelTransientException(response.StatusCode, body);
        }

        var (code, message) = ExotelReply.Error(response.StatusCode, body);
        return new SmsSendResult.Rejected(code, message);
    }
}
