using System.Text.Json.Serialization;

namespace Exotel.Sandbox.Scenarios;

/// <summary>
/// One scenario rule (docs/sandbox.md "Scenario rules"): for a product and a phone-number pattern, the outcome
/// to report, when to report it, and how to answer the API request itself. Unset fields keep the default.
/// </summary>
public sealed record ScenarioRule
{
    /// <summary><c>sms</c>, <c>calls</c>, <c>voicebot</c>, <c>whatsapp</c>, <c>verify</c>, <c>campaigns</c>, <c>cqa</c> or <c>*</c>.</summary>
    public string Product { get; init; } = "*";

    /// <summary>Free text for the reader of a scenario file; ignored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>Glob (<c>*</c>, <c>?</c>) over the end user's number; for CQA over the external interaction id.</summary>
    public string Phone { get; init; } = "*";

    /// <summary>Another name for <see cref="Phone"/> (a rule may say <c>"to"</c>); folded into it when the rule is added.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? To { get; init; }

    /// <summary>Another name for <see cref="Phone"/>; folded into it when the rule is added.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Number { get; init; }

    /// <summary>
    /// sms: sent | failed | failed_dnd | undelivered; calls: completed | no-answer | busy | failed; voicebot: a
    /// BotOutcome (unanswered = call status no-answer); whatsapp: sent | delivered | seen | failed; verify:
    /// delivered | undelivered; campaigns: sent | delivered | responded | completed | failed; cqa: completed | failed.
    /// </summary>
    public string? Outcome { get; init; }

    /// <summary>WhatsApp: the failure StatusCode (30004–30041). SMS: same as <see cref="DetailedStatusCode"/>.</summary>
    public int? StatusCode { get; init; }

    /// <summary>SMS: the DetailedStatusCode of the final callback.</summary>
    public int? DetailedStatusCode { get; init; }

    /// <summary>SMS: the DetailedStatus of the final callback.</summary>
    public string? DetailedStatus { get; init; }

    /// <summary>CQA: the finalScore (0–100).</summary>
    public double? Score { get; init; }

    /// <summary>
    /// Calls and voicebot: the URL of the flow's Passthru applet, which the sandbox GETs with the call's details as query
    /// parameters (and, for a voicebot flow, <c>BotSessionId</c>/<c>BotOutcome</c>) just before the terminal callback.
    /// </summary>
    public string? Passthru { get; init; }

    /// <summary>Calls: the Duration in seconds of a completed call.</summary>
    public int? Duration { get; init; }

    /// <summary>Campaigns: the channel named in the events.</summary>
    public string? Channel { get; init; }

    /// <summary>Time before the (first) status callback.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The callback is lost: never sent, though the status look-up answers the final status.</summary>
    public bool NoCallback { get; init; }

    /// <summary>Answer the API request itself with this status (with the product's error envelope).</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The <c>Retry-After</c> seconds sent with an injected 429 or 503 (default 1).</summary>
    public int? RetryAfter { get; init; }

    /// <summary>How many requests <see cref="HttpStatus"/>/<see cref="Latency"/> apply to; null = all of them.</summary>
    public int? Times { get; init; }

    /// <summary>Answer the API request this much later.</summary>
    public TimeSpan? Latency { get; init; }

    [JsonIgnore]
    internal bool ChoosesOutcome =>
        Outcome is not null || StatusCode is not null || DetailedStatusCode is not null || DetailedStatus is not null
        || Score is not null || Duration is not null || Channel is not null || Delay is not null || NoCallback || Passthru is not null;

    [JsonIgnore]
    internal bool InjectsFault => HttpStatus is not null || Latency is not null;
}
