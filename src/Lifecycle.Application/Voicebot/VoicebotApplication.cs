using Lifecycle.Application.Common.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.Voicebot;

/// <summary>The Voicebot module's use cases: what a session's end does, <c>Lifecycle:Voicebot</c>.</summary>
public static class VoicebotApplication
{
    public static IServiceCollection AddVoicebotApplication(this IServiceCollection services)
    {
        services.AddValidatedOptions<VoicebotOptions, VoicebotOptionsValidator>(VoicebotOptions.Section);
        services.AddScoped<SessionOutcomes>();
        return services;
    }
}
