using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Cqa;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Offboarding;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary>
/// The CQA module: analysis behind <see cref="IQualityAnalysis"/> (the CQA client), the interactions, QA tasks and
/// compliance alerts tables, their timeline entries and the reader of <c>/webhooks/cqa</c>.
/// </summary>
public static class CqaModule
{
    public static IServiceCollection AddCqaModule(this IServiceCollection services)
    {
        services.AddCqaApplication();
        services.AddCqaClients();
        services.AddScoped<IQualityAnalysis, ExotelQualityAnalysis>();
        services.AddScoped<IInteractionRepository, InteractionRepository>();
        services.AddScoped<IQualityReviews, QualityReviewRepository>();
        services.AddScoped<ITimelineSource, CqaTimeline>();
        services.AddScoped<IUserDataOwner, CqaUserData>();
        services.AddSingleton<IWebhookEventReader, CqaEventReader>();
        return services;
    }
}
