using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle.Calls;

/// <summary>
/// A call status callback, in our words: which call (its sid, and the <c>CustomField</c> we handed Exotel), where it
/// stands, and what the provider told about its end and its legs. The reader of <c>/webhooks/exotel/call</c> makes it;
/// the module that placed the call turns it into its own command.
/// </summary>
public sealed record CallStatusReport(string CallSid, CallStatus Status, string? CustomField, string EventKey)
{
    public int? DurationSeconds { get; init; }

    public string? RecordingUrl { get; init; }

    /// <summary>A SmartConnect leg event (<c>call-connect</c>, <c>call-end</c>), lower case; null for a plain status.</summary>
    public string? LegEvent { get; init; }

    /// <summary>The agent a SmartConnect leg connected.</summary>
    public string? AgentId { get; init; }

    /// <summary>The SmartConnect queue of that leg.</summary>
    public string? Queue { get; init; }
}

/// <summary>
/// Lets a module claim the status callbacks of calls it places by their <c>CustomField</c> (e.g. Verify's voice OTP
/// calls, <c>voice-otp:…</c>): every call reports to the same webhook, and no product module may reach into
/// another's commands. Calls no route claims are ours (<see cref="CallRequests"/>).
/// </summary>
public interface ICallRoute
{
    bool Claims(string customField);

    /// <summary>The custom field as the inbox may keep it (a route whose field carries a secret keeps it out).</summary>
    string Redact(string customField);

    IBaseCommand ToCommand(CallStatusReport report);
}
