using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Cqa;

internal static class CqaClients
{
    /// <summary>CQA at <c>Exotel:Endpoints:Cqa</c> with <c>X-API-Key</c>; and <see cref="ExotelCqa"/>.</summary>
    public static IServiceCollection AddCqaClients(this IServiceCollection services)
    {
        services.AddExotelClient<IExotelCqaApi, CqaApiKeyAuth>(endpoints => endpoints.Cqa);
        services.AddTransient<ExotelCqa>();
        return services;
    }
}
