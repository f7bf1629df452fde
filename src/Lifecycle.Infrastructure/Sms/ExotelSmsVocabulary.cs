using Lifecycle.Application.Sms;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>
/// Exotel's SMS words in ours (docs/exotel-wire.md "SMS"). Statuses: Exotel's v1 <c>queued, sending, submitted, sent,
/// failed_dnd, failed</c> — where <c>sent</c> means delivered to the handset (api.md) — its newer pages'
/// <c>delivered, undelivered, expired</c>, and the guide's <c>delivered/undelivered/failed</c>.
/// </summary>
internal static class ExotelSmsVocabulary
{
    private static readonly Dictionary<string, MessageStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["queued"] = MessageStatus.Queued,
        ["sending"] = MessageStatus.Sending,
        ["submitted"] = MessageStatus.Submitted,
        ["sent"] = MessageStatus.Delivered,
        ["delivered"] = MessageStatus.Delivered,
        ["undelivered"] = MessageStatus.Undelivered,
        ["expired"] = MessageStatus.Undelivered,
        ["failed"] = MessageStatus.Failed,
        ["failed_dnd"] = MessageStatus.Failed,
        ["failed-dnd"] = MessageStatus.Failed,
    };

    /// <summary>DetailedStatusCode ranges of a DLT scrubbing refusal (api.md "Outbound wire choices").</summary>
    private static readonly (int From, int To)[] DltScrubbingCodes = [(23080, 23084), (23181, 23186), (23281, 23281)];

    public static IReadOnlyCollection<string> KnownStatuses => Statuses.Keys;

    /// <summary>
    /// The status word, or — in the JSON callback of Exotel's webhook reference page, whose <c>Status</c> carries the
    /// detailed word (<c>DELIVERED_TO_HANDSET</c>) — the detailed word.
    /// </summary>
    public static bool TryStatus(string? status, out MessageStatus mapped)
    {
        if (Statuses.TryGetValue(status ?? string.Empty, out mapped))
        {
            return true;
        }

        MessageStatus? detailed = status?.ToUpperInvariant() switch
        {
            "DELIVERED_TO_HANDSET" => MessageStatus.Delivered,
            "DELIVERED_TO_OPERATOR" or "SUBMITTED_TO_CARRIER" => MessageStatus.Submitted,
            { } word when word.StartsWith("FAILED", StringComparison.Ordinal) => MessageStatus.Failed,
            _ => null,
        };
        mapped = detailed.GetValueOrDefault();
        return detailed is not null;
    }

    /// <summary>Why a message that Exotel reports undelivered or failed did not arrive.</summary>
    public static SmsFailure FailureOf(string? status, string? detailedStatus, string? detailedStatusCode)
    {
        // The DND register: Exotel's failed_dnd (failed-dnd on its reference pages), or failed with a *DND* detail
        // (FAILED_DND, FAILED_REJECTED_DND).
        if (status?.Replace('-', '_').Equals("failed_dnd", StringComparison.OrdinalIgnoreCase) == true
            || detailedStatus?.Contains("DND", StringComparison.OrdinalIgnoreCase) == true)
        {
            return SmsFailure.DoNotDisturb;
        }

        if (int.TryParse(detailedStatusCode, out var code) && DltScrubbingCodes.Any(range => code >= range.From && code <= range.To))
        {
            return SmsFailure.DltRejected;
        }

        return IsInvalidNumber(detailedStatus) ? SmsFailure.InvalidNumber : SmsFailure.Undelivered;
    }

    /// <summary>How Exotel names a number that cannot take SMS, in a callback's DetailedStatus or a refusal's code.</summary>
    public static bool IsInvalidNumber(string? text) =>
        text is not null && text.Replace('_', ' ').Contains("INVALID NUMBER", StringComparison.OrdinalIgnoreCase);
}
