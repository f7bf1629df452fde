using Microsoft.Extensions.Logging;

namespace Exotel.Sandbox;

/// <summary>
/// How the sandbox listens, which credentials it accepts, how it signs callbacks and what it does by default.
/// The standalone host binds it from the configuration section <c>Sandbox</c> (docs/sandbox.md).
/// </summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Where Kestrel listens; port 0 picks a free port (read the actual one from <see cref="ExotelSandbox.BaseUrl"/>).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>The account of every v1/v2 path (<c>/v1/Accounts/{sid}</c>, <c>/v2/accounts/{sid}</c>).</summary>
    public string AccountSid { get; set; } = "sandbox-account";

    /// <summary>HTTP Basic user of the v1/v2 APIs.</summary>
    public string ApiKey { get; set; } = "sandbox-api-key";

    /// <summary>HTTP Basic password of the v1/v2 APIs.</summary>
    public string ApiToken { get; set; } = "sandbox-api-token";

    /// <summary>HTTP Basic user of Verify.</summary>
    public string VerifyApplicationId { get; set; } = "sandbox-verify-app";

    /// <summary>HTTP Basic password of Verify.</summary>
    public string VerifyApplicationSecret { get; set; } = "sandbox-verify-secret";

    /// <summary>The account of CQA paths (<c>/cqa/api/v1/accounts/{id}</c>).</summary>
    public string CqaAccountId { get; set; } = "sandbox-cqa-account";

    /// <summary>The <c>X-API-Key</c> CQA accepts.</summary>
    public string CqaApiKey { get; set; } = "sandbox-cqa-key";

    /// <summary>
    /// HMAC-SHA256 key of <c>X-Exotel-Signature</c> on every Exotel callback, as the guide describes. Null or empty:
    /// callbacks go unsigned, as Exotel's SMS, call and WhatsApp callbacks do — to URLs that carry a callback token.
    /// </summary>
    public string? CallbackSecret { get; set; } = "sandbox-callback-secret";

    /// <summary>HMAC-SHA256 key of <c>X-CQA-Signature</c> on CQA callbacks.</summary>
    public string CqaCallbackSecret { get; set; } = "sandbox-cqa-callback-secret";

    /// <summary>
    /// Base of the webhooks of user-initiated events and dashboard-configured callbacks:
    /// <c>{base}/webhooks/exotel/whatsapp</c>, <c>/webhooks/exotel/chatbot</c>, <c>/webhooks/exotel/campaigns</c>
    /// (and <c>/webhooks/cqa</c> when an ingest names no <c>callback_url</c>). Null: those events are not sent.
    /// </summary>
    public string? WebhookBaseUrl { get; set; }

    /// <summary>
    /// The callback token of the webhook URLs configured in Exotel's dashboard (Settings &gt; Webhooks): when set, those
    /// events go to <c>{WebhookBaseUrl}/webhooks/exotel/{product}/{token}</c>.
    /// </summary>
    public string? WebhookToken { get; set; }

    /// <summary>The dashboard-configured webhook of <paramref name="product"/>, or null when <see cref="WebhookBaseUrl"/> is not set.</summary>
    public string? DashboardWebhook(string product)
    {
        if (WebhookBaseUrl is not { } webhooks)
        {
            return null;
        }

        var route = product == "cqa" ? "/webhooks/cqa" : $"/webhooks/exotel/{product}";
        return product != "cqa" && !string.IsNullOrEmpty(WebhookToken)
            ? $"{webhooks.TrimEnd('/')}{route}/{WebhookToken}"
            : $"{webhooks.TrimEnd('/')}{route}";
    }

    /// <summary>A JSON file of scenario rules, loaded at start (docs/sandbox.md "Scenario rules").</summary>
    public string? ScenarioFile { get; set; }

    /// <summary>SMS send + bulksend requests per account in a sliding 60 s window; then 503 with Retry-After.</summary>
    public int SmsRequestsPerMinute { get; set; } = 200;

    /// <summary>Requests per account and product in a sliding 60 s window (every other product); then 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 200;

    /// <summary>Delay before a status callback unless a rule says otherwise (also the gap between WhatsApp's sent/delivered/seen).</summary>
    public TimeSpan CallbackDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Waits before the retries of a callback answered non-2xx (or not answered): three retries at growing delays, as
    /// Exotel does.
    /// </summary>
    public TimeSpan[] CallbackRetryDelays { get; set; } = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)];

    /// <summary>WhatsApp templates that may be sent.</summary>
    public string[] ApprovedWhatsAppTemplates { get; set; } =
    [
        "onboarding_welcome_v2", "activation_nudge_d7", "winback_offer", "support_update", "chat_with_us",
        "callback_scheduled", "offboarding_confirmation", "otp_fallback",
    ];

    /// <summary>WhatsApp templates that exist but are not approved yet (sending one answers <c>TEMPLATE_NOT_APPROVED</c>).</summary>
    public string[] PendingWhatsAppTemplates { get; set; } = ["onboarding_welcome_v3_pending"];

    /// <summary>DLT template ids that exist. Empty: every id exists except those starting with <c>0000</c>.</summary>
    public string[] KnownDltTemplateIds { get; set; } = [];

    /// <summary>How long a Verify OTP can be checked (the guide: 60 s).</summary>
    public TimeSpan OtpLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks allowed per verification before it fails (the guide: 10).</summary>
    public int OtpMaxAttempts { get; set; } = 10;

    /// <summary>
    /// Flows (app ids) that are a Greeting reading its text from a URL, as Exotel's "Read text like a robot" with a URL:
    /// flow id → that URL. A call playing one of them HEADs then GETs the URL with <c>CallSid, From, To, DialWhomNumber,
    /// CustomField</c> and speaks (records) the text. Every other flow is taken for a voicebot.
    /// </summary>
    public Dictionary<string, string> GreetingTextUrls { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long after a user's last inbound WhatsApp message free-form messages may be sent to them.</summary>
    public TimeSpan WhatsAppWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Optional: how callbacks (and greeting text requests) are sent, for tests. Default: a <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? CallbackHandler { get; set; }

    /// <summary>Optional, in-process only: where the sandbox logs. Default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
