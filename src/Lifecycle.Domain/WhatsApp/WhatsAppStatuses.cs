using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.WhatsApp;

/// <summary>
/// WhatsApp delivery status codes (guide §3.4): 30001 sent, 30002 delivered, 30003 seen, 30004–30041 failed; the
/// text <c>Status</c> (sent/delivered/read/seen/failed) is read when no code is given.
/// </summary>
public static class WhatsAppStatuses
{
    public static bool TryMap(string? status, int? code, out MessageStatus mapped)
    {
        mapped = code switch
        {
            30001 => MessageStatus.Submitted,
            30002 => MessageStatus.Delivered,
            30003 => MessageStatus.Seen,
            >= 30004 and <= 30041 => MessageStatus.Failed,
            _ => status?.ToLowerInvariant() switch
            {
                "sent" => MessageStatus.Submitted,
                "delivered" => MessageStatus.Delivered,
                "read" or "seen" => MessageStatus.Seen,
                "failed" or "undelivered" => MessageStatus.Failed,
                _ => (MessageStatus)(-1),
            },
        };
        return Enum.IsDefined(mapped);
    }

    /// <summary>Free-form messages are allowed only this long after the user's last inbound message.</summary>
    public static bool WindowIsOpen(DateTimeOffset? lastInbound, DateTimeOffset now, TimeSpan window) =>
        lastInbound is { } last && now - last < window;
}
