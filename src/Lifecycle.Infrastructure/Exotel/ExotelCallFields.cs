using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>
/// Exotel's words for a call, as its status callbacks (v1 and the v2 API's lowercase names) and Passthru applets give
/// them (docs/exotel-wire.md "Call status callback", "Passthru applet"), read into ours. Shared by every webhook a call
/// reports to.
/// </summary>
internal static class ExotelCallFields
{
    /// <summary>Exotel's call statuses; queued, ringing and in-progress are all "placed, not over".</summary>
    public static IReadOnlyDictionary<string, CallStatus> Statuses { get; } = new Dictionary<string, CallStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["queued"] = CallStatus.Placed,
        ["ringing"] = CallStatus.Placed,
        ["in-progress"] = CallStatus.Placed,
        ["completed"] = CallStatus.Completed,
        ["busy"] = CallStatus.Busy,
        ["no-answer"] = CallStatus.NoAnswer,
        ["failed"] = CallStatus.Failed,
        ["canceled"] = CallStatus.Canceled,
    };

    public static string? CallSid(WebhookFields fields) => fields.Text("CallSid", "call_sid");

    public static string? CustomField(WebhookFields fields) => fields.Text("CustomField", "custom_field");

    /// <summary>The call's status word, lower case; null when absent or not one of Exotel's.</summary>
    public static string? StatusWord(WebhookFields fields) =>
        fields.Text("Status", "status", "CallStatus", "call_status") is { } status && Statuses.ContainsKey(status) ? status.ToLowerInvariant() : null;

    public static bool HasStatus(WebhookFields fields) => fields.Text("Status", "status", "CallStatus", "call_status") is not null;

    /// <summary>
    /// A Passthru applet reports from inside the call, with its <c>CallType</c> and no <c>Status</c>: the call is not
    /// over until its terminal status callback says so.
    /// </summary>
    public static CallStatus StatusOf(WebhookFields fields) => StatusWord(fields) is { } status ? Statuses[status] : CallStatus.Placed;

    /// <summary>
    /// The part of an event key that tells the call's states apart: its status, or for a Passthru its <c>CallType</c>.
    /// </summary>
    public static string StateKey(WebhookFields fields) =>
        StatusWord(fields) ?? $"passthru-{fields.Text("CallType")?.ToLowerInvariant()}";

    /// <summary>
    /// Seconds the user was on the call: the documented <c>ConversationDuration</c> of the terminal callback, else a
    /// Passthru's <c>DialCallDuration</c>, else a <c>Duration</c> (the v1 <c>Call</c> resource's name; we accept it).
    /// </summary>
    public static int? DurationSeconds(WebhookFields fields) =>
        int.TryParse(
            fields.Text("ConversationDuration", "conversation_duration", "DialCallDuration", "Duration", "duration"),
            out var seconds) ? seconds : null;

    public static string? RecordingUrl(WebhookFields fields) => fields.Text("RecordingUrl", "recording_url");

    public static bool IsPassthru(WebhookFields fields) => !HasStatus(fields) && fields.Text("CallType") is not null;

    /// <summary>
    /// Passthru's <c>digits</c> come in double quotes ("You'll have to trim() this parameter"): stored trimmed, so that
    /// a reader never sees the quotes.
    /// </summary>
    public static WebhookFields TrimDigits(WebhookFields fields)
    {
        if (fields.Text("digits") is { } digits)
        {
            fields.Root["digits"] = digits.Trim('"');
        }

        return fields;
    }
}
