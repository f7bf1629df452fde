using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>The Campaigns module: the Campaigns and Contacts clients.</summary>
public static class CampaignsModule
{
    public static IServiceCollection AddCampaignsModule(this IServiceCollection services)
    {
        services.AddCampaignClients();
        return services;
    }
}
