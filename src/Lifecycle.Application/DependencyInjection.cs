using FluentValidation;
using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Verify;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application;

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
        services.AddValidatedOptions<VerifyOptions, VerifyOptionsValidator>(VerifyOptions.Section);

        services.AddScoped<IDomainEventHandler<UserStageChanged>, ArmChurnWatch>();
        services.AddScoped<VerificationSending>();
        services.AddScoped<SmsSending>();
        services.AddScoped<SmsFailures>();
        services.AddScoped<IMessageChannel, SmsChannel>();
        services.AddScoped<MessageLadder>();
        services.AddScoped<GuardedSend>();
        services.AddValidatedOptions<SmsOptions, SmsOptionsValidator>(SmsOptions.Section);
        services.AddValidatedOptions<MessagingOptions, MessagingOptionsValidator>(MessagingOptions.Section);
        services.AddValidatedOptions<NotificationCatalog, NotificationCatalogValidator>(NotificationCatalog.Section);
        services.AddValidatedOptions<WhatsAppOptions, WhatsAppOptionsValidator>(WhatsAppOptions.Section);
        services.AddScoped<IMessageChannel, WhatsAppChannel>();
        services.AddScoped<IDomainEventHandler<UserStageChanged>, WelcomeOnOnboarding>();
        services.AddScoped<IDomainEventHandler<UserRepliedOnWhatsApp>, RouteWhatsAppReply>();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section);
        return services;
    }
}
