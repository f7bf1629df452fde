using Lifecycle.Application.Sms;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>
/// The bulksend form: the shared fields once, then <c>Messages[i][To|Body|DltTemplateId|CustomField]</c> per message
/// (docs/exotel-wire.md).
/// </summary>
internal static class SmsBulkForm
{
    public static Dictionary<string, string> Build(IReadOnlyList<SmsSendRequest> requests, string from, string dltEntityId, string statusCallback)
    {
        var form = new Dictionary<string, string>
        {
            ["From"] = from,
            ["DltEntityId"] = dltEntityId,
            ["SmsType"] = ExotelSmsGateway.SmsTypeName(requests[0].Type),
            ["StatusCallback"] = statusCallback,
        };
        for (var i = 0; i < requests.Count; i++)
        {
            form[$"Messages[{i}][To]"] = requests[i].To;
            form[$"Messages[{i}][Body]"] = requests[i].Body;
            form[$"Messages[{i}][DltTemplateId]"] = requests[i].DltTemplateId;
            form[$"Messages[{i}][CustomField]"] = requests[i].CustomField;
        }

        return form;
    }
}
