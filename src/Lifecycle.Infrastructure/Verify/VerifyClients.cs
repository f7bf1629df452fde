using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Verify;

internal static class VerifyClients
{
    /// <summary>Verify at <c>Exotel:Endpoints:Verify</c>, HTTP Basic application_id:secret; and <see cref="ExotelVerify"/>.</summary>
    public static IServiceCollection AddVerifyClients(this IServiceCollection services)
    {
        services.AddExotelClient<IExotelVerifyApi, ExotelVerifyAuth>(endpoints => endpoints.Verify);
        services.AddTransient<ExotelVerify>();
        return services;
    }
}
