using System.Globalization;
using System.Text.RegularExpressions;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>
/// The times Exotel writes: ISO-8601 with an offset (v2, WhatsApp), <c>2024-01-15 14:30:45</c> with no zone (v1
/// callbacks: the account's zone, IST for an Indian account — api.md), and Unix seconds or milliseconds.
/// </summary>
internal static partial class ExotelTime
{
    /// <summary>India Standard Time, which has had no daylight saving since 1945: a fixed offset needs no zone database.</summary>
    private static readonly TimeSpan AccountOffset = TimeSpan.FromHours(5.5);

    public static bool TryParse(string? text, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            // Ten digits are seconds until the year 2286; thirteen are milliseconds.
            at = text.Length > 11 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }

        if (HasZone().IsMatch(text))
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var zoned))
            {
                at = zoned.ToUniversalTime();
                return true;
            }

            return false;
        }

        // No zone, whether v1's "2024-01-15 14:30:45" or an ISO time without offset: the account's.
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), AccountOffset).ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>A time of day followed by <c>Z</c> or an offset.</summary>
    [GeneratedRegex(@"\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasZone();

    /// <summary>One spelling of a time for event keys, so that the same event written two ways is one event.</summary>
    public static string? Canonical(string? text) =>
        TryParse(text, out var at) ? at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : text;
}
