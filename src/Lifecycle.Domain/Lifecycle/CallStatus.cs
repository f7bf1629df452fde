using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>Where a call we place stands, in our words.</summary>
public enum CallStatus
{
    /// <summary>Asked for; the outbox has not tried to place it yet.</summary>
    Requested,

    /// <summary>The request to Exotel is being written; until its answer is recorded the call may or may not ring.</summary>
    Placing,

    /// <summary>Exotel took it (queued, ringing or in progress).</summary>
    Placed,

    Completed,

    NoAnswer,

    Busy,

    Failed,

    Canceled,

    /// <summary>Exotel refused to place it (4xx): it never rang.</summary>
    Refused,

    /// <summary>The request may have reached Exotel but its answer did not reach us: never placed again (ADR 0006).</summary>
    Unknown,
}

public static class CallStatusNames
{
    public static WireNames<CallStatus> Wire { get; } = new(new Dictionary<CallStatus, string>
    {
        [CallStatus.Requested] = "requested",
        [CallStatus.Placing] = "placing",
        [CallStatus.Placed] = "placed",
        [CallStatus.Completed] = "completed",
        [CallStatus.NoAnswer] = "no_answer",
        [CallStatus.Busy] = "busy",
        [CallStatus.Failed] = "failed",
        [CallStatus.Canceled] = "canceled",
        [CallStatus.Refused] = "refused",
        [CallStatus.Unknown] = "unknown",
    });

    public static string Name(this CallStatus status) => Wire.Name(status);

    /// <summary>A status a call ends with once it was placed.</summary>
    public static bool IsEnd(this CallStatus status) =>
        status is CallStatus.Completed or CallStatus.NoAnswer or CallStatus.Busy or CallStatus.Failed or CallStatus.Canceled;

    /// <summary>Nothing more happens to the call by our hand: it ended, was refused, or is in doubt.</summary>
    public static bool IsFinal(this CallStatus status) => status.IsEnd() || status is CallStatus.Refused or CallStatus.Unknown;
}
