using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Voicebot;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Voicebot;

/// <summary>The Voicebot module: what a session's end does, and the reader of <c>/webhooks/exotel/voicebot</c>.</summary>
public static class VoicebotModule
{
    public static IServiceCollection AddVoicebotModule(this IServiceCollection services)
    {
        services.AddVoicebotApplication();
        services.AddSingleton<IWebhookEventReader, BotSessionReader>();
        return services;
    }
}
