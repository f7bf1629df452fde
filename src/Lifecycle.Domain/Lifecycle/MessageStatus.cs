using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>One state for an outbound message whatever the channel's own status vocabulary.</summary>
public enum MessageStatus
{
    Queued,
    Sending,
    Submitted,
    Delivered,
    Seen,
    Undelivered,
    Failed,
}

public static class MessageStatusNames
{
    public static WireNames<MessageStatus> Wire { get; } = new(new Dictionary<MessageStatus, string>
    {
        [MessageStatus.Queued] = "queued",
        [MessageStatus.Sending] = "sending",
        [MessageStatus.Submitted] = "submitted",
        [MessageStatus.Delivered] = "delivered",
        [MessageStatus.Seen] = "seen",
        [MessageStatus.Undelivered] = "undelivered",
        [MessageStatus.Failed] = "failed",
    });

    public static string Name(this MessageStatus status) => Wire.Name(status);

    public static bool IsTerminal(this MessageStatus status) => status >= MessageStatus.Delivered;
}
