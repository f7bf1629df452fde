namespace Exotel.Sandbox.State;

// What the sandbox keeps about each accepted item: what was asked (immutable) and what happens to it over time
// (a timeline). Entries are only read and changed under SandboxState's lock; the public records are snapshots.

internal sealed record SmsStatus(string Status, string DetailedStatus, int DetailedStatusCode, DateTimeOffset? DateSent);

internal sealed record SmsRequest(
    string Sid, string From, string To, string Body, string? DltEntityId, string? DltTemplateId, string SmsType,
    string? StatusCallback, string? CustomField, DateTimeOffset DateCreated, int SmsUnits);

internal sealed class SmsEntry(SmsRequest request, Timeline<SmsStatus> timeline, bool callbackLost)
{
    public SmsRequest Request { get; } = request;

    public Timeline<SmsStatus> Timeline { get; } = timeline;

    public bool CallbackLost { get; } = callbackLost;
}

internal sealed record CallStatus(
    string Status, DateTimeOffset? StartTime, DateTimeOffset? EndTime, int Duration, string? RecordingUrl, string? BotSessionId, string? BotOutcome);

internal sealed record CallRequest(
    string Sid, string Api, string Phone, string From, string? To, string? CallerId, string? Url, bool IsVoicebot,
    string? CustomField, string? StatusCallback, bool Record, DateTimeOffset DateCreated)
{
    /// <summary>When the call plays a Greeting flow: the URL it reads its text from (<see cref="SandboxOptions.GreetingTextUrls"/>).</summary>
    public string? GreetingTextUrl { get; init; }
}

internal sealed class CallEntry(CallRequest request, Timeline<CallStatus> timeline, bool callbackLost)
{
    public CallRequest Request { get; } = request;

    public Timeline<CallStatus> Timeline { get; } = timeline;

    public bool CallbackLost { get; set; } = callbackLost;

    /// <summary>What the call's Greeting spoke, once the call was answered and the text read.</summary>
    public string? GreetingText { get; set; }

    /// <summary>Cancelled when the end user (control API) decides the outcome before the automatic callback.</summary>
    public CancellationTokenSource Pending { get; } = new();
}

internal sealed record WhatsAppStatus(string Status, int StatusCode);

internal sealed record WhatsAppRequest(
    string Sid, string From, string To, string ContentType, string? TemplateName, string? Text, string Content,
    string? CustomData, string? StatusCallback, DateTimeOffset DateCreated);

internal sealed class WhatsAppEntry(WhatsAppRequest request, Timeline<WhatsAppStatus> timeline, bool callbackLost)
{
    public WhatsAppRequest Request { get; } = request;

    public Timeline<WhatsAppStatus> Timeline { get; } = timeline;

    public bool CallbackLost { get; } = callbackLost;
}

internal sealed class VerificationEntry(string sid, string phone, string otp, bool delivered, DateTimeOffset createdAt, DateTimeOffset expiresAt, string? replaceVars)
{
    public string Sid { get; } = sid;

    public string Phone { get; } = phone;

    public string Otp { get; } = otp;

    public bool Delivered { get; } = delivered;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public string? ReplaceVars { get; } = replaceVars;

    public string Status { get; set; } = "pending";

    public int Attempts { get; set; }

    public SandboxVerification Snapshot() => new(Sid, Phone, Otp, Status, Attempts, Delivered, CreatedAt, ExpiresAt, ReplaceVars);
}

internal sealed record CqaStatus(string Status, double? Score);

internal sealed record InteractionRequest(
    string ExternalInteractionId, string AnalysisId, string ChannelType, string? AudioUrl, string? CallbackUrl, string Body, DateTimeOffset IngestedAt);

internal sealed class InteractionEntry(InteractionRequest request, Timeline<CqaStatus> timeline, bool callbackLost)
{
    public InteractionRequest Request { get; } = request;

    public Timeline<CqaStatus> Timeline { get; } = timeline;

    public bool CallbackLost { get; set; } = callbackLost;

    public CancellationTokenSource Pending { get; } = new();
}
