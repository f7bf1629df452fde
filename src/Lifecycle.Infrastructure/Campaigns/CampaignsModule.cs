using Lifecycle.Application.Campaigns;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Infrastructure.Common.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>
/// The Campaigns module: enrolment behind <see cref="ICampaignGateway"/> (the Campaigns and Contacts clients), the
/// enrolments table, the scheduled segment sync and the reader of <c>/webhooks/exotel/campaigns</c>.
/// </summary>
public static class CampaignsModule
{
    public static IServiceCollection AddCampaignsModule(this IServiceCollection services)
    {
        services.AddCampaignsApplication();
        services.AddCampaignClients();
        services.AddScoped<ICampaignGateway, ExotelCampaignGateway>();
        services.AddScoped<ICampaignEnrolments, CampaignEnrolmentRepository>();
        services.AddScoped<ISegmentReader, SegmentReader>();
        services.AddScoped<IUserDataOwner, CampaignUserData>();
        services.AddScheduledCommand<SyncSegments, SegmentSyncOptions>(
            "segment-sync", $"{SegmentSyncOptions.Section}:SegmentSyncCron", sync => sync.SegmentSyncCron);
        services.AddSingleton<IWebhookEventReader, CampaignEventReader>();
        return services;
    }
}
