using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Campaigns;

internal static class CampaignClients
{
    /// <summary>Campaigns and contacts at <c>Exotel:Endpoints:Api</c>, HTTP Basic; and <see cref="ExotelCampaigns"/>.</summary>
    public static IServiceCollection AddCampaignClients(this IServiceCollection services)
    {
        services.AddExotelClient<IExotelCampaignsApi, ExotelBasicAuth>(endpoints => endpoints.Api);
        services.AddTransient<ExotelCampaigns>();
        return services;
    }
}
