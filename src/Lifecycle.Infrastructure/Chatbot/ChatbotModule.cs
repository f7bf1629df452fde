using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Common.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Chatbot;

/// <summary>The Chatbot module: its use cases, the reader of <c>/webhooks/exotel/chatbot</c> and the session context's query.</summary>
public static class ChatbotModule
{
    public static IServiceCollection AddChatbotModule(this IServiceCollection services)
    {
        services.AddChatbotApplication();
        services.AddSingleton<IWebhookEventReader, ChatbotEventReader>();
        services.AddScoped<IChatSessionReader, ChatSessionReader>();
        return services;
    }
}
