using System.Security.Cryptography;
using System.Text;

/// <summary>
/// The callback every benchmark posts: a JSON SMS status report as Exotel sends it (`sent`, DELIVERED_TO_HANDSET,
/// 20005), signed with the benchmark's webhook secret as <c>X-Exotel-Signature: sha256=…</c>.
/// </summary>
internal static class SmsStatusCallback
{
    public const string Route = "/webhooks/exotel/sms";
    public const string SignatureHeader = "X-Exotel-Signature";
    public const string DefaultTo = "+919876543210";

    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(BenchmarkSettings.WebhookSecret);

    public static byte[] Body(string smsSid, string to = DefaultTo) =>
        Encoding.UTF8.GetBytes(
            $$"""{"SmsSid":"{{smsSid}}","To":"{{to}}","Status":"sent","DetailedStatus":"DELIVERED_TO_HANDSET","DetailedStatusCode":"20005"}""");

    public static string Signature(ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Secret, body));
}
