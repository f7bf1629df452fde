namespace Lifecycle.Domain.WhatsApp;

/// <summary>WhatsApp's customer-service window: free-form messages only within it, templates outside it.</summary>
public static class WhatsAppWindow
{
    /// <summary>Free-form messages are allowed only this long after the user's last inbound message.</summary>
    public static bool IsOpen(DateTimeOffset? lastInbound, DateTimeOffset now, TimeSpan window) =>
        lastInbound is { } last && now - last < window;
}
