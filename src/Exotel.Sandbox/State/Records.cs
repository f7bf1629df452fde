namespace Exotel.Sandbox;

/// <summary>One API request as it reached the sandbox (every product route, refused ones included).</summary>
public sealed record RecordedApiRequest(
    long Sequence,
    DateTimeOffset At,
    string Product,
    string Method,
    string Path,
    string? Query,
    string? ContentType,
    string? Authorization,
    string? ApiKey,
    IReadOnlyDictionary<string, string> Form,
    string Body)
{
    /// <summary>The HTTP status the sandbox answered with (0 while the answer is being written).</summary>
    public int ResponseStatus { get; internal set; }
}

/// <summary>An SMS the sandbox accepted, with its status at the moment of reading.</summary>
public sealed record SandboxSms(
    string Sid,
    string From,
    string To,
    string Body,
    string? DltEntityId,
    string? DltTemplateId,
    string SmsType,
    string? StatusCallback,
    string? CustomField,
    DateTimeOffset DateCreated,
    string Status,
    string DetailedStatus,
    int DetailedStatusCode,
    DateTimeOffset? DateSent,
    int SmsUnits,
    bool CallbackLost);

/// <summary>A call the sandbox accepted (v1 <c>Calls/connect</c> or v2 CCM), with its status at the moment of reading.</summary>
public sealed record SandboxCall(
    string Sid,
    string Api,
    string Phone,
    string From,
    string? To,
    string? CallerId,
    string? Url,
    bool IsVoicebot,
    string? CustomField,
    string? StatusCallback,
    bool Record,
    DateTimeOffset DateCreated,
    string Status,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    int Duration,
    string? RecordingUrl,
    string? BotSessionId,
    string? BotOutcome,
    string? GreetingText,
    bool CallbackLost);

/// <summary>An outbound WhatsApp message the sandbox accepted, with its status at the moment of reading.</summary>
public sealed record SandboxWhatsAppMessage(
    string Sid,
    string From,
    string To,
    string ContentType,
    string? TemplateName,
    string? Text,
    string Content,
    string? CustomData,
    string? StatusCallback,
    DateTimeOffset DateCreated,
    string Status,
    int StatusCode,
    bool CallbackLost);

/// <summary>A WhatsApp message the end user sent (through <c>POST /sandbox/whatsapp/inbound</c>).</summary>
public sealed record SandboxInboundWhatsApp(string Sid, string From, string To, string Body, string? ButtonPayload, DateTimeOffset At);

/// <summary>A Verify verification and the OTP it generated.</summary>
public sealed record SandboxVerification(
    string Sid,
    string Phone,
    string Otp,
    string Status,
    int Attempts,
    bool Delivered,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string? ReplaceVars);

/// <summary>A one-time code a phone received: by Verify's SMS or spoken by a call's Greeting.</summary>
public sealed record SandboxOtp(string Phone, string Otp, string Source, string? VerificationSid, string? CallSid, DateTimeOffset At);

/// <summary>A CQA interaction ingested, with its analysis state at the moment of reading.</summary>
public sealed record SandboxInteraction(
    string ExternalInteractionId,
    string AnalysisId,
    string ChannelType,
    string? AudioUrl,
    string? CallbackUrl,
    string Body,
    DateTimeOffset IngestedAt,
    string Status,
    double? FinalScore,
    bool CallbackLost);

/// <summary>A contact's enrolment in a campaign.</summary>
public sealed record SandboxEnrollment(string CampaignId, string Phone, string? UserId, string CustomFields, bool Active, DateTimeOffset At);

/// <summary>A contact synchronised through <c>POST /v2/accounts/{sid}/contacts</c>.</summary>
public sealed record SandboxContact(string Number, string? FirstName, string CustomFields, DateTimeOffset At);

/// <summary>One attempt at delivering a callback.</summary>
public sealed record CallbackAttempt(DateTimeOffset At, int? StatusCode, string? Error);

/// <summary>A signed callback (status callback, webhook of a user-initiated event) and its delivery attempts.</summary>
public sealed record SandboxCallback(
    long Id,
    string Product,
    string Url,
    string ContentType,
    string Body,
    string SignatureHeader,
    string? Signature,
    IReadOnlyList<CallbackAttempt> Attempts)
{
    public bool Delivered => Attempts.Any(attempt => attempt.StatusCode is >= 200 and < 300);
}
