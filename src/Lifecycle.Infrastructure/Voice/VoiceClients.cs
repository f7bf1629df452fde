using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Voice;

internal static class VoiceClients
{
    /// <summary>Voice v1 at <c>Exotel:Endpoints:Api</c>, CCM v2 at <c>Exotel:Endpoints:Ccm</c>, both HTTP Basic; and <see cref="ExotelCalls"/>.</summary>
    public static IServiceCollection AddVoiceClients(this IServiceCollection services)
    {
        services.AddExotelClient<IExotelCallsApi, ExotelBasicAuth>(endpoints => endpoints.Api);
        services.AddExotelClient<IExotelCcmApi, ExotelBasicAuth>(endpoints => endpoints.Ccm);
        services.AddTransient<ExotelCalls>();
        return services;
    }
}
