using FluentValidation;
using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application;

/// <summary>
/// The core's use cases and the pipeline every command runs through. Each product module registers its own use cases
/// (<c>AddSmsApplication()</c>…) from its Infrastructure entry point (<c>AddSmsModule()</c>).
/// </summary>
public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuthenticityBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(IdempotencyBehavior<,>),
                typeof(UnitOfWorkBehavior<,>),
            ];
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<IdempotencyScope>();

        services.AddValidatedOptions<ActivationOptions, ActivationOptionsValidator>(ActivationOptions.Section);
        services.AddValidatedOptions<ChurnOptions, ChurnOptionsValidator>(ChurnOptions.Section);
        // The cron expression is checked where it is scheduled (Infrastructure knows Quartz's syntax).
        services.AddOptions<ScanOptions>().BindConfiguration(ScanOptions.Section).ValidateOnStart();
        services.AddScoped<ActivationNudge>();
        services.AddScoped<IDomainEventHandler<UserStageChanged>, ReachOutWhenAtRisk>();
        services.AddScoped<IDomainEventHandler<UserResponded>, CancelFollowUpsOnResponse>();
        services.AddScoped<MessageLadder>();
        services.AddScoped<GuardedSend>();
        services.AddValidatedOptions<MessagingOptions, MessagingOptionsValidator>(MessagingOptions.Section);
        services.AddValidatedOptions<NotificationCatalog, NotificationCatalogValidator>(NotificationCatalog.Section);
        services.AddScoped<IDomainEventHandler<UserStageChanged>, WelcomeOnOnboarding>();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section);
        services.AddValidatedOptions<CampaignOptions, CampaignOptionsValidator>(CampaignOptions.Section);
        services.AddScoped<CallRequests>();
        services.AddValidatedOptions<PrivacyOptions, PrivacyOptionsValidator>(PrivacyOptions.Section);
        services.AddSingleton<IPhoneHasher, HmacPhoneHasher>();
        services.AddScoped<PersonalDataErasure>();
        services.AddScoped<IDomainEventHandler<OutboundMessageHandedOver>, EraseOnceConfirmationHandedOver>();
        services.AddScoped<CallLedger>();
        services.AddValidatedOptions<CallOptions, CallOptionsValidator>(CallOptions.Section);
        return services;
    }
}
