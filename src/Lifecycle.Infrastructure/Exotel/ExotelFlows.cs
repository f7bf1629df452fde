namespace Lifecycle.Infrastructure.Exotel;

/// <summary>
/// The <c>Url</c> of a <c>Calls/connect</c> that plays one of our Exotel flows (api.md "Outbound wire choices").
/// Every module that places a flow call builds it here, so that there is one copy of Exotel's form.
/// </summary>
internal static class ExotelFlows
{
    /// <summary>
    /// <c>http://my.exotel.com/{AccountSid}/exoml/start_voice/{flow}</c>, exactly as Exotel documents it (plain
    /// <c>http</c>: the URL is an identifier Exotel resolves on its own side, never fetched by us). The guide's
    /// <c>exoml/fetch</c> appears in no Exotel document.
    /// </summary>
    public static string StartVoiceUrl(string accountSid, string flowId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountSid);
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        return $"http://my.exotel.com/{Uri.EscapeDataString(accountSid)}/exoml/start_voice/{Uri.EscapeDataString(flowId)}";
    }
}
