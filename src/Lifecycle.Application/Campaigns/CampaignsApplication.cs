using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.Campaigns;

/// <summary>The Campaigns module's use cases: enrolment, campaign events and the segment sync's options.</summary>
public static class CampaignsApplication
{
    public static IServiceCollection AddCampaignsApplication(this IServiceCollection services)
    {
        // The cron expression is checked where it is scheduled (Infrastructure knows Quartz's syntax).
        services.AddOptions<SegmentSyncOptions>().BindConfiguration(SegmentSyncOptions.Section).ValidateOnStart();
        return services;
    }
}

/// <summary><c>Lifecycle:Campaigns:SegmentSyncCron</c>: when users are synced to the provider's contacts (method B).</summary>
public sealed class SegmentSyncOptions
{
    public const string Section = "Lifecycle:Campaigns";

    /// <summary>Quartz cron expression (seconds first); empty turns the sync off.</summary>
    public string SegmentSyncCron { get; set; } = "0 30 2 * * ?";
}
