using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>Reads the calls Exotel answers with: the v1 <c>Call</c> envelope (JSON or XML) and the CCM v2 reply.</summary>
internal static class CallReply
{
    /// <summary>The v1 <c>Call</c> of <c>{"Call":{…}}</c> or <c>&lt;TwilioResponse&gt;&lt;Call&gt;…</c>, or null when it names no Sid.</summary>
    public static ExotelCall? Read(string body)
    {
        // A 2xx we cannot parse names no call: the caller treats it as an unknown outcome, never as a refusal to retry.
        var fields = ExotelReply.TryRead(body, "Call") ?? new Dictionary<string, string>();
        return fields.TryGetValue("Sid", out var sid) && !string.IsNullOrEmpty(sid)
            ? new ExotelCall(sid, fields.GetValueOrDefault("Status"))
            {
                ParentCallSid = NullIfEmpty(fields.GetValueOrDefault("ParentCallSid")),
                From = NullIfEmpty(fields.GetValueOrDefault("From")),
                To = NullIfEmpty(fields.GetValueOrDefault("To")),
                StartTime = NullIfEmpty(fields.GetValueOrDefault("StartTime")),
                EndTime = NullIfEmpty(fields.GetValueOrDefault("EndTime")),
                Duration = int.TryParse(fields.GetValueOrDefault("Duration"), out var seconds) ? seconds : null,
                RecordingUrl = NullIfEmpty(fields.GetValueOrDefault("RecordingUrl")),
                CustomField = NullIfEmpty(fields.GetValueOrDefault("CustomField")),
            }
            : null;
    }

    /// <summary>The call of a CCM reply, wherever it names the sid (<see cref="CcmReply"/>), or null when it names none.</summary>
    public static ExotelCall? ReadCcm(string body) => CcmReply.ReadCall(body);

    /// <summary>XML answers an absent value as an empty element (<c>&lt;EndTime/&gt;</c>), JSON as null.</summary>
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) || value == "null" ? null : value;
}
