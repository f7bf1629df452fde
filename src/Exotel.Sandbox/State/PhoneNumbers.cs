using System.Text.RegularExpressions;

namespace Exotel.Sandbox.State;

/// <summary>E.164 checks and the one spelling under which the sandbox files a phone number.</summary>
internal static partial class PhoneNumbers
{
    /// <summary>Drops a <c>whatsapp:</c> prefix and surrounding spaces.</summary>
    public static string Normalize(string? phone)
    {
        var text = (phone ?? string.Empty).Trim();
        return text.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? text["whatsapp:".Length..].Trim() : text;
    }

    public static bool IsE164(string? phone) => phone is not null && E164().IsMatch(Normalize(phone));

    /// <summary>Phone numbers in URLs may lose their <c>+</c> (a <c>+</c> in a query string reads as a space).</summary>
    public static string FromUrl(string phone)
    {
        var text = Normalize(Uri.UnescapeDataString(phone));
        return text.Length > 0 && char.IsDigit(text[0]) ? "+" + text : text;
    }

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$")]
    private static partial Regex E164();
}
