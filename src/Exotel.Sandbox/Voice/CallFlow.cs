using System.Text.RegularExpressions;

namespace Exotel.Sandbox.Voice;

/// <summary>
/// What the <c>Url</c> of a <c>Calls/connect</c> runs. Exotel's form is <c>http://my.exotel.com/{sid}/exoml/start_voice/{app_id}</c>
/// (its "Connect Number to Call Flow" page); a flow named in <see cref="SandboxOptions.GreetingTextUrls"/> is a
/// Greeting that reads its text from a URL, any other flow is taken for a voicebot.
/// </summary>
internal sealed partial record CallFlow(string FlowId, string? GreetingTextUrl)
{
    public bool IsVoicebot => GreetingTextUrl is null;

    /// <summary>The flow of <paramref name="url"/>, or null when it is not a start_voice URL of <paramref name="accountSid"/>.</summary>
    public static CallFlow? Of(string url, string accountSid, IReadOnlyDictionary<string, string> greetingTextUrls)
    {
        var match = StartVoice().Match(url);
        if (!match.Success || !string.Equals(Uri.UnescapeDataString(match.Groups["sid"].Value), accountSid, StringComparison.Ordinal))
        {
            return null;
        }

        var flow = Uri.UnescapeDataString(match.Groups["flow"].Value);
        return new CallFlow(flow, greetingTextUrls.TryGetValue(flow, out var textUrl) ? textUrl : null);
    }

    [GeneratedRegex(@"^https?://my\.exotel\.com/(?<sid>[^/?#]+)/exoml/start_voice/(?<flow>[^/?#]+)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex StartVoice();
}
