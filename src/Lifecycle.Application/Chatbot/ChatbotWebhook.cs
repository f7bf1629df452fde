using Lifecycle.Application.Common.Webhooks;

namespace Lifecycle.Application.Chatbot;

/// <summary>Chatbot session events: <c>/webhooks/exotel/chatbot</c>.</summary>
public static class ChatbotWebhook
{
    public static WebhookSource Source { get; } = WebhookSource.Exotel("chatbot");
}
