using Lifecycle.Application.Common.Webhooks;

namespace Lifecycle.Application.Lifecycle.Calls;

/// <summary>
/// The two callbacks of a call. Every module that places calls hands Exotel one of these URLs, so they are declared
/// with the core's calls rather than by one product module.
/// </summary>
public static class CallWebhooks
{
    /// <summary>Call status, SmartConnect call-connect / call-end: <c>/webhooks/exotel/call</c>.</summary>
    public static WebhookSource Status { get; } = WebhookSource.Exotel("call");

    /// <summary>A voicebot flow's session end with the call's own status: <c>/webhooks/exotel/voicebot</c>.</summary>
    public static WebhookSource BotSession { get; } = WebhookSource.Exotel("voicebot");
}
