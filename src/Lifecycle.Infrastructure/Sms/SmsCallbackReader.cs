using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Sms;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Mediator;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>
/// Reads <c>POST /webhooks/exotel/sms</c>: a status callback (<c>SmsSid, To, Status, DetailedStatus, DetailedStatusCode,
/// DateSent, CustomField</c>), keyed <c>SmsSid + Status + DetailedStatusCode</c> — an exact re-delivery is a duplicate, a
/// new status of the same SmsSid a new event — or an SMS the user sent to our number (<c>From</c>, <c>Body</c>, no
/// <c>Status</c>), keyed by its SmsSid. The only place that knows Exotel's SMS callback fields.
/// </summary>
internal sealed class SmsCallbackReader : SingleEventReader
{
    private const string InboundType = "sms.inbound";

    public override WebhookSource Source => SmsWebhook.Source;

    /// <summary>A status as Exotel's status API reports it, in the form of the callback that reports the same status.</summary>
    public static WebhookEvent AsCallback(string smsSid, string status, string? detailedStatus, string? detailedStatusCode)
    {
        var fields = WebhookFields.FromPairs(
        [
            new("SmsSid", smsSid),
            new("Status", status),
            new("DetailedStatus", detailedStatus ?? string.Empty),
            new("DetailedStatusCode", detailedStatusCode ?? string.Empty),
        ]);
        return new WebhookEvent(StatusIdentity(fields), fields);
    }

    public override IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity)
    {
        var sid = fields.Text("SmsSid")!;
        if (identity.EventType == InboundType)
        {
            return new ReceiveSms(sid, ExotelNumbers.ToE164(From(fields))!, Body(fields)!, identity.EventKey);
        }

        var status = fields.Text("Status");
        ExotelSmsVocabulary.TryStatus(status, out var mapped);
        var (detailedStatus, detailedCode) = (fields.Text("DetailedStatus"), DetailedCode(fields));
        var failure = mapped is MessageStatus.Undelivered or MessageStatus.Failed
            ? ExotelSmsVocabulary.FailureOf(status, detailedStatus ?? status, detailedCode)
            : (SmsFailure?)null;
        return new ApplySmsStatus(sid, mapped, failure, Detail(detailedStatus, detailedCode), identity.EventKey);
    }

    protected override WebhookIdentity Identify(WebhookFields fields)
    {
        var problems = new FieldProblems();
        var sid = problems.Require(fields, "SmsSid");
        var inbound = fields.Text("Status") is null && Body(fields) is not null;
        if (inbound)
        {
            if (From(fields) is null)
            {
                problems.Add("From", "From is required on an inbound SMS.");
            }
        }
        else if (!ExotelSmsVocabulary.TryStatus(fields.Text("Status"), out _))
        {
            problems.Add("Status", $"Status must be one of {string.Join(", ", ExotelSmsVocabulary.KnownStatuses)}.");
        }

        problems.ThrowIfAny();
        return inbound ? new WebhookIdentity($"inbound|{sid}", InboundType) : StatusIdentity(fields);
    }

    /// <summary><c>DetailedStatusCode</c>, or <c>ExoStatusCode</c> in the JSON form of Exotel's webhook reference page.</summary>
    private static string? DetailedCode(WebhookFields fields) => fields.Text("DetailedStatusCode", "ExoStatusCode");

    /// <summary>The sender of an inbound SMS: <c>From</c>, or <c>Sender</c> in the long-code JSON form.</summary>
    private static string? From(WebhookFields fields) => fields.Text("From", "Sender");

    /// <summary>The text of an inbound SMS: <c>Body</c>, or <c>MessageBody</c> in the long-code JSON form.</summary>
    private static string? Body(WebhookFields fields) => fields.Text("Body", "MessageBody");

    private static WebhookIdentity StatusIdentity(WebhookFields fields)
    {
        var status = fields.Text("Status")!.ToLowerInvariant();
        return new WebhookIdentity($"{fields.Text("SmsSid")}|{status}|{DetailedCode(fields)}", $"sms.{status}");
    }

    /// <summary>Exotel's own words, kept on the message for people: <c>DND_NUMBER (23007)</c>.</summary>
    private static string? Detail(string? detailedStatus, string? detailedCode) => (detailedStatus, detailedCode) switch
    {
        (null, null) => null,
        (var text, null) => text,
        (null, var code) => code,
        var (text, code) => $"{text} ({code})",
    };
}
