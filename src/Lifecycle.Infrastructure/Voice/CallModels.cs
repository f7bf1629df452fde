namespace Lifecycle.Infrastructure.Voice;

/// <summary>
/// A v1 call to place (<c>Calls/connect</c>): <see cref="From"/> (the user's number) is dialled first from our virtual
/// number, then connected to <see cref="To"/> or to the flow at <see cref="Url"/>. Unset optional fields are not sent.
/// </summary>
internal sealed record CallToConnect
{
    public required string From { get; init; }

    public string? To { get; init; }

    /// <summary>A flow (<see cref="ExotelCalls.FlowUrl"/>): <c>Calls/connect</c> plays Exotel flows only.</summary>
    public string? Url { get; init; }

    /// <summary>Our correlation key, handed back in the status callback; at most 128 characters.</summary>
    public string? CustomField { get; init; }

    /// <summary>Which of our webhooks receives the terminal status callback.</summary>
    public CallCallback Callback { get; init; } = CallCallback.Call;

    public bool? Record { get; init; }

    public RecordingChannels? RecordingChannels { get; init; }

    /// <summary>How long the call may last (sent in whole seconds).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>How long each leg rings (sent in whole seconds).</summary>
    public TimeSpan? TimeOut { get; init; }
}

/// <summary>A v2 CCM click-to-call: the dashboard agent is rung first, then <see cref="To"/>; recorded dual-channel.</summary>
internal sealed record AgentCallToConnect(string AgentUserId, string To, string? CustomField = null);

internal enum CallCallback
{
    /// <summary><c>/webhooks/exotel/call</c>: call status.</summary>
    Call,

    /// <summary><c>/webhooks/exotel/voicebot</c>: a voicebot flow's session end and call status.</summary>
    Voicebot,
}

internal enum RecordingChannels
{
    Single,
    Dual,
}

/// <summary>Exotel's <c>Call</c> as its envelope gives it; times are Exotel's text (<c>YYYY-MM-DD HH:mm:ss</c>).</summary>
internal sealed record ExotelCall(string Sid, string? Status)
{
    public string? ParentCallSid { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? StartTime { get; init; }

    public string? EndTime { get; init; }

    /// <summary>Seconds, once the call is over.</summary>
    public int? Duration { get; init; }

    public string? RecordingUrl { get; init; }

    public string? CustomField { get; init; }
}

/// <summary>What became of a call we asked Exotel to place.</summary>
internal abstract record CallPlacement
{
    private CallPlacement()
    {
    }

    /// <summary>Exotel took the call; its sid is the key of every later callback.</summary>
    public sealed record Placed(ExotelCall Call) : CallPlacement;

    /// <summary>Exotel refused it for good (4xx): retrying the same request cannot succeed.</summary>
    public sealed record Refused(string Code, string Message) : CallPlacement;
}

/// <summary>What Exotel answered when asked for a call by its sid.</summary>
internal abstract record CallLookup
{
    private CallLookup()
    {
    }

    public sealed record Found(ExotelCall Call) : CallLookup;

    public sealed record Refused(string Code, string Message) : CallLookup;
}
