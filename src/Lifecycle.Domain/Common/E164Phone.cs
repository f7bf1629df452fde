using System.Text.RegularExpressions;

namespace Lifecycle.Domain.Common;

/// <summary>
/// A phone number in E.164 form (<c>+919876543210</c>). <see cref="ToString"/> masks the number so that
/// logging a value object never leaks personal data; <see cref="Value"/> is the number itself.
/// </summary>
public sealed partial record E164Phone
{
    private E164Phone(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid(string? candidate) => candidate is not null && Pattern().IsMatch(candidate);

    public static E164Phone Parse(string candidate) =>
        IsValid(candidate)
            ? new E164Phone(candidate)
            : throw new FormatException("A phone number must be E.164: '+', a country code and up to 15 digits.");

    /// <summary>
    /// Masks all but the first two digits and the last ones — four of a number of 10 digits or more, two of a shorter
    /// one — so that an Indian mobile number (12 digits) shows half of them and no log can tell the subscriber.
    /// </summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone) || phone.Length < 8)
        {
            return "***";
        }

        var tail = phone.Length >= 11 ? 4 : 2;
        return string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 3 - tail), phone.AsSpan(phone.Length - tail));
    }

    public override string ToString() => Mask(Value);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z")]
    private static partial Regex Pattern();
}
