using System.Text.RegularExpressions;
using Lifecycle.Domain.Common;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>Keeps phone numbers out of log sinks: every text or exception that may quote one goes through here.</summary>
public static partial class LogRedaction
{
    /// <summary>Replaces every E.164-looking number in a text by its masked form.</summary>
    public static string MaskPhones(string text) => PhonePattern().Replace(text, match => E164Phone.Mask(match.Value));

    /// <summary>
    /// The exception to attach to a log entry instead of <paramref name="exception"/>: sinks print an exception's
    /// <c>ToString()</c> — type, message, inner exceptions and stack — and the message may quote a phone number.
    /// </summary>
    public static Exception Mask(Exception exception) => new MaskedException(exception);

    [GeneratedRegex(@"\+[0-9]{7,15}|\b[0-9]{10,15}\b")]
    private static partial Regex PhonePattern();

    /// <summary>Renders as the original exception does, with phone numbers masked in every part.</summary>
    private sealed class MaskedException(Exception original) : Exception(MaskPhones(original.Message))
    {
        private readonly string rendered = MaskPhones(original.ToString());

        public override string? StackTrace { get; } = original.StackTrace is { } stack ? MaskPhones(stack) : null;

        public override string ToString() => rendered;
    }
}
