namespace Exotel.Sandbox.Scenarios;

/// <summary>The product names used by scenario rules and by <c>GET /sandbox/requests?product=</c>.</summary>
internal static class Products
{
    public const string Sms = "sms";
    public const string Calls = "calls";
    public const string Voicebot = "voicebot";
    public const string WhatsApp = "whatsapp";
    public const string Verify = "verify";
    public const string Campaigns = "campaigns";
    public const string Cqa = "cqa";
    public const string Any = "*";

    /// <summary>Chatbot events are forwarded, never chosen by rules.</summary>
    public const string Chatbot = "chatbot";

    public static readonly string[] All = [Sms, Calls, Voicebot, WhatsApp, Verify, Campaigns, Cqa];

    public static readonly string[] SmsOutcomes = ["sent", "failed", "failed_dnd", "undelivered"];
    public static readonly string[] CallOutcomes = ["completed", "no-answer", "busy", "failed"];
    public static readonly string[] BotOutcomes = ["resolved", "activated", "offer_accepted", "declined", "escalated", "escalated_to_agent", "unanswered", "incomplete"];
    public static readonly string[] WhatsAppOutcomes = ["sent", "delivered", "seen", "failed"];
    public static readonly string[] VerifyOutcomes = ["delivered", "undelivered"];
    public static readonly string[] CampaignOutcomes = ["sent", "delivered", "responded", "completed", "failed"];
    public static readonly string[] CqaOutcomes = ["completed", "failed"];

    /// <summary>Accepts a few spellings (<c>voice</c>, <c>call</c>) and answers the canonical name, or null.</summary>
    public static string? Canonical(string? product) => product?.Trim().ToLowerInvariant() switch
    {
        null or "" or "*" => Any,
        "voice" or "call" or "calls" or "ccm" => Calls,
        "bot" or "voicebot" => Voicebot,
        "wa" or "whatsapp" => WhatsApp,
        "campaign" or "campaigns" or "contacts" => Campaigns,
        var name when All.Contains(name) => name,
        _ => null,
    };

    public static string[]? OutcomesOf(string product) => product switch
    {
        Sms => SmsOutcomes,
        Calls => CallOutcomes,
        Voicebot => BotOutcomes,
        WhatsApp => WhatsAppOutcomes,
        Verify => VerifyOutcomes,
        Campaigns => CampaignOutcomes,
        Cqa => CqaOutcomes,
        _ => null,
    };
}
