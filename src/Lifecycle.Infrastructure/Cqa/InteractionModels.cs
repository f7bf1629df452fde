namespace Lifecycle.Infrastructure.Cqa;

internal enum CqaChannel
{
    Voice,
    Chat,
    Email,
    Sms,
    WhatsApp,
}

/// <summary>An interaction to hand CQA for analysis; the result comes to <c>/webhooks/cqa</c>.</summary>
internal sealed record InteractionToAnalyse
{
    /// <summary>Ours and unique per interaction, e.g. <c>call-{CallSid}</c>: CQA de-duplicates on it.</summary>
    public required string ExternalInteractionId { get; init; }

    public required CqaChannel Channel { get; init; }

    /// <summary>The recording (dual-channel for calls); absent for text channels.</summary>
    public string? AudioUrl { get; init; }

    /// <summary>E.g. <c>WAV</c>; sent only with an <see cref="AudioUrl"/>.</summary>
    public string? AudioFormat { get; init; }

    /// <summary>A chat's text, CQA's <c>transcript_text</c>.</summary>
    public string? TranscriptText { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Sent in whole seconds.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>E.g. <c>user_id</c>, <c>lifecycle_stage</c>, <c>agent_id</c>, <c>campaign</c>; none are sent when empty.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>What became of an ingest request.</summary>
internal abstract record InteractionIngest
{
    private InteractionIngest()
    {
    }

    /// <summary>CQA has the interaction: just taken (201; any 2xx), or <paramref name="AlreadyIngested"/> before (409).</summary>
    public sealed record Accepted(bool AlreadyIngested) : InteractionIngest;

    public sealed record Refused(string Code, string Message) : InteractionIngest;
}

/// <summary>
/// An interaction as CQA describes it (its <c>status</c>, e.g. <c>completed</c>) and whatever transcript it holds: the
/// documented <c>transcript_url</c>, and the undocumented turns (<c>transcript</c>, as JSON text) or
/// <c>transcript_text</c> when present.
/// </summary>
internal sealed record InteractionDetail(
    string ExternalInteractionId, string? Status, string? TranscriptJson, string? TranscriptText, string? TranscriptUrl);

/// <summary>What CQA answered when asked for an interaction.</summary>
internal abstract record InteractionLookup
{
    private InteractionLookup()
    {
    }

    public sealed record Found(InteractionDetail Interaction) : InteractionLookup;

    /// <summary>E.g. 404 for an interaction CQA does not have.</summary>
    public sealed record Refused(string Code, string Message) : InteractionLookup;
}
