using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.Chatbot;

/// <summary>
/// The Chatbot module's use cases: chatbot events, the handoff of a chat to a support call or to live chat with its
/// SLA, the session context the voicebot's tool reads, and the routing of WhatsApp replies into the bot's flows.
/// </summary>
public static class ChatbotApplication
{
    public static IServiceCollection AddChatbotApplication(this IServiceCollection services)
    {
        services.AddValidatedOptions<ChatbotOptions, ChatbotOptionsValidator>(ChatbotOptions.Section);
        services.AddScoped<ChatConversations>();
        services.AddScoped<SupportTickets>();
        services.AddScoped<VoiceHandoff>();
        services.AddScoped<LiveChat>();
        services.AddScoped<IDomainEventHandler<UserRepliedOnWhatsApp>, RouteWhatsAppReply>();
        return services;
    }
}
