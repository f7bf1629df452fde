using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.Chatbot;

/// <summary>The Chatbot module's use cases: chatbot events and the routing of WhatsApp replies into the bot's flows.</summary>
public static class ChatbotApplication
{
    public static IServiceCollection AddChatbotApplication(this IServiceCollection services)
    {
        services.AddScoped<IDomainEventHandler<UserRepliedOnWhatsApp>, RouteWhatsAppReply>();
        return services;
    }
}
