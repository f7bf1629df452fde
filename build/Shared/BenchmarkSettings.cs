/// <summary>
/// The configuration every benchmark starts the service with: the chosen store, the background loops off, Live mode
/// with placeholder Exotel credentials (nothing is sent), logging as configured by default.
/// </summary>
internal static class BenchmarkSettings
{
    public const string WebhookSecret = "benchmark-only-secret";

    public static Dictionary<string, string?> For(string provider, string connectionString) => new()
    {
        ["Database:Provider"] = provider,
        ["ConnectionStrings:Lifecycle"] = connectionString,
        ["Lifecycle:Workers:Enabled"] = "false",
        ["Exotel:Mode"] = "Live",
        ["Exotel:AccountSid"] = "bench",
        ["Exotel:ApiKey"] = "bench",
        ["Exotel:ApiToken"] = "bench",
        ["Exotel:SmsSender"] = "LFCYCL",
        ["Exotel:Dlt:EntityId"] = "1101000000000000001",
        ["Exotel:WhatsAppFrom"] = "+919100000000",
        ["Exotel:VirtualNumber"] = "+911140000000",
        ["Exotel:Verify:ApplicationId"] = "bench",
        ["Exotel:Verify:ApplicationSecret"] = "bench",
        ["Exotel:Cqa:AccountId"] = "bench",
        ["Exotel:Cqa:ApiKey"] = "bench",
        ["Exotel:VoiceOtp:Flow"] = "bench-voice-otp",
        ["Webhooks:PublicBaseUrl"] = "http://lifecycle.bench",
        ["Webhooks:Secrets:Exotel:0"] = WebhookSecret,
        ["Webhooks:Secrets:Cqa:0"] = WebhookSecret,
        ["Lifecycle:Privacy:PhoneHashKey"] = "benchmark-only-phone-hash-key",
    };
}
