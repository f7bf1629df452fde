using System.Security.Cryptography;

namespace Exotel.Sandbox.State;

/// <summary>Identifiers shaped like Exotel's: a two-letter prefix and 32 lowercase hex digits.</summary>
internal static class Sids
{
    public static string Sms() => New("SM");

    public static string Call() => New("CA");

    public static string WhatsApp() => New("WA");

    public static string Verification() => New("VE");

    public static string BotSession() => "BS_" + Hex(6);

    public static string Request() => Hex(16);

    public static string New(string prefix) => prefix + Hex(16);

    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A one-time code of <paramref name="digits"/> digits, leading zeros allowed.</summary>
    public static string Otp(int digits = 6) =>
        RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, digits)).ToString($"D{digits}", System.Globalization.CultureInfo.InvariantCulture);
}
