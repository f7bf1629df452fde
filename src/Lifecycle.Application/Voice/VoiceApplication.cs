using Lifecycle.Application.Common.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.Voice;

/// <summary>The Voice module's use cases: asking for, placing and following calls, <c>Lifecycle:Voice</c>.</summary>
public static class VoiceApplication
{
    public static IServiceCollection AddVoiceApplication(this IServiceCollection services)
    {
        services.AddValidatedOptions<VoiceOptions, VoiceOptionsValidator>(VoiceOptions.Section);
        return services;
    }
}
