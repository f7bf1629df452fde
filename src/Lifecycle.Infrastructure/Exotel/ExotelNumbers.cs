namespace Lifecycle.Infrastructure.Exotel;

/// <summary>
/// Phone numbers as Exotel writes them in callbacks, made E.164: <c>+919876543210</c> as is, WhatsApp's
/// <c>whatsapp:+91…</c> and bare <c>919876543210</c>, and the Indian national forms <c>09876543210</c> and
/// <c>9876543210</c> of v1 callbacks (an Indian account's numbers).
/// </summary>
internal static class ExotelNumbers
{
    public static string? ToE164(string? number)
    {
        var text = number?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["whatsapp:".Length..];
        }

        if (text.StartsWith('+') || !text.All(char.IsAsciiDigit))
        {
            return text;
        }

        return text.Length switch
        {
            10 => $"+91{text}",
            11 when text[0] == '0' => $"+91{text[1..]}",
            _ => $"+{text}",
        };
    }
}
