using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Voice;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>
/// The Voice module: its use cases, the Voice v1 and v2 CCM clients behind <see cref="ICallGateway"/>, the voicebot
/// flow ids (<c>Exotel:Voicebot:Flows</c>), and the reader of <c>/webhooks/exotel/call</c>, where every call reports.
/// </summary>
public static class VoiceModule
{
    public static IServiceCollection AddVoiceModule(this IServiceCollection services)
    {
        services.AddVoiceApplication();
        services.AddVoiceClients();
        services.AddValidatedOptions<VoicebotFlowOptions, VoicebotFlowOptionsValidator>(VoicebotFlowOptions.Section);
        services.AddScoped<ICallGateway, ExotelCallGateway>();
        services.AddSingleton<IWebhookEventReader, CallCallbackReader>();
        return services;
    }
}
