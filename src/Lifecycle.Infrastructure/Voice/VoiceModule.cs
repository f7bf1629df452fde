using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>The Voice module: the Voice v1 and v2 CCM clients.</summary>
public static class VoiceModule
{
    public static IServiceCollection AddVoiceModule(this IServiceCollection services)
    {
        services.AddVoiceClients();
        return services;
    }
}
