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

    /// <summary>CQA has the interaction: just taken (202), or <paramref name="AlreadyIngested"/> before (409).</summary>
    public sealed record Accepted(bool AlreadyIngested) : InteractionIngest;

    public sealed record Refused(string Code, string Message) : InteractionIngest;
}

internal sealed record TranscriptLine(string Speaker, string Text, double StartSeconds);

/// <summary>
/// An interaction as CQA describes it: the analysis status and scores, and the transcript once analysis is complete
/// (empty before).
/// </summary>
internal sealed record InteractionDetail(
    string ExternalInteractionId,
    string? Status,
    double? FinalScore,
    double? CriticalityAdjustedScore,
    IReadOnlyList<TranscriptLine> Transcript);

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
