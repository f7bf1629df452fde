using Exotel.Sandbox.Callbacks;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Sms;

/// <summary>
/// Accepts an SMS: files it as <c>queued</c>, decides its final status (default <c>sent</c> /
/// DELIVERED_TO_HANDSET / 20005, or a scenario rule's) and sends the form-urlencoded status callback after the delay.
/// </summary>
internal sealed class SmsDesk(SandboxState state, ScenarioBook scenarios, CallbackSender sender, SandboxOptions options, TimeProvider time)
{
    private static readonly SmsStatus Queued = new("queued", "PENDING_TO_OPERATOR", 21010, null);

    public SandboxSms Accept(SmsRequest request)
    {
        var now = time.GetUtcNow();
        var rule = scenarios.OutcomeFor([Products.Sms], request.To);
        var delay = rule?.Delay ?? options.CallbackDelay;
        var final = Final(rule, now + delay);
        var timeline = new Timeline<SmsStatus>(now, Queued);
        timeline.Add(now + delay, final);
        var callbackLost = rule?.NoCallback == true;
        state.Add(new SmsEntry(request, timeline, callbackLost));

        if (!callbackLost && request.StatusCallback is { } url)
        {
            sender.SendLater(Callback.Form(Products.Sms, url, CallbackFields(request, final)), delay);
        }

        return state.FindSms(request.Sid)!;
    }

    /// <summary>The fields of <c>SMSMessage</c> in replies to send, bulksend and status.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Envelope(SandboxSms sms, string accountSid) =>
    [
        new("Sid", sms.Sid),
        new("AccountSid", accountSid),
        new("From", sms.From),
        new("To", sms.To),
        new("Body", sms.Body),
        new("Status", sms.Status),
        new("DetailedStatus", sms.DetailedStatus),
        new("DetailedStatusCode", sms.DetailedStatusCode),
        new("DateCreated", Replies.Date(sms.DateCreated)),
        new("DateSent", Replies.Date(sms.DateSent)),
        new("CustomField", sms.CustomField),
    ];

    /// <summary>SMS parts: 160 GSM characters (153 when split), 70 UCS-2 (67 when split).</summary>
    public static int Units(string body)
    {
        var unicode = body.Any(character => character > 127);
        var (single, part) = unicode ? (70, 67) : (160, 153);
        return body.Length <= single ? 1 : (int)Math.Ceiling(body.Length / (double)part);
    }

    private static SmsStatus Final(ScenarioRule? rule, DateTimeOffset at)
    {
        var (status, detailed, code) = rule?.Outcome switch
        {
            "failed" => ("failed", "FAILED_HANDSET_ERROR", 24105),
            "failed_dnd" => ("failed_dnd", "FAILED_DND", 23005),
            "undelivered" => ("undelivered", "FAILED_SUBSCRIBER_UNAVAILABLE", 23035),
            _ => ("sent", "DELIVERED_TO_HANDSET", 20005),
        };
        return new SmsStatus(status, rule?.DetailedStatus ?? detailed, rule?.DetailedStatusCode ?? rule?.StatusCode ?? code, at);
    }

    private static IEnumerable<KeyValuePair<string, string?>> CallbackFields(SmsRequest request, SmsStatus final) =>
    [
        new("SmsSid", request.Sid),
        new("To", request.To),
        new("Status", final.Status),
        new("DetailedStatus", final.DetailedStatus),
        new("DetailedStatusCode", final.DetailedStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("DateSent", Replies.Date(final.DateSent)),
        new("SmsUnits", request.SmsUnits.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("CustomField", request.CustomField ?? string.Empty),
    ];
}
