using FluentValidation;
using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Verify;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Common;

/// <summary>
/// <see cref="DependencyInjection.AddApplication"/> and the modules' use cases: every handler's collaborators, both ladder rungs, the domain-event
/// reactions, the validated options of policies.md and the pipeline — per request (scoped).
/// </summary>
public class WiringTests
{
    private readonly IServiceCollection services = new ServiceCollection()
        .AddApplication().AddVerifyApplication().AddSmsApplication().AddWhatsAppApplication().AddChatbotApplication();

    [Theory]
    [InlineData(typeof(IdempotencyScope), typeof(IdempotencyScope))]
    [InlineData(typeof(VerificationSending), typeof(VerificationSending))]
    [InlineData(typeof(SmsSending), typeof(SmsSending))]
    [InlineData(typeof(SmsFailures), typeof(SmsFailures))]
    [InlineData(typeof(MessageLadder), typeof(MessageLadder))]
    [InlineData(typeof(GuardedSend), typeof(GuardedSend))]
    [InlineData(typeof(IMessageChannel), typeof(SmsChannel))]
    [InlineData(typeof(IMessageChannel), typeof(WhatsAppChannel))]
    [InlineData(typeof(IDomainEventHandler<UserStageChanged>), typeof(ReachOutWhenAtRisk))]
    [InlineData(typeof(IDomainEventHandler<UserResponded>), typeof(CancelFollowUpsOnResponse))]
    [InlineData(typeof(ActivationNudge), typeof(ActivationNudge))]
    [InlineData(typeof(IDomainEventHandler<UserStageChanged>), typeof(WelcomeOnOnboarding))]
    [InlineData(typeof(IDomainEventHandler<UserRepliedOnWhatsApp>), typeof(RouteWhatsAppReply))]
    [InlineData(typeof(IValidator<SignUp>), typeof(SignUpValidator))]
    [InlineData(typeof(IValidator<ApplySmsStatus>), typeof(ApplySmsStatusValidator))]
    public void Each_collaborator_is_registered_per_request(Type service, Type implementation)
    {
        var registration = Assert.Single(services, descriptor => descriptor.ServiceType == service && descriptor.ImplementationType == implementation);

        Assert.Equal(ServiceLifetime.Scoped, registration.Lifetime);
    }

    [Theory]
    [InlineData(typeof(VerifyOptions))]
    [InlineData(typeof(ActivationOptions))]
    [InlineData(typeof(ChurnOptions))]
    [InlineData(typeof(SmsOptions))]
    [InlineData(typeof(MessagingOptions))]
    [InlineData(typeof(NotificationCatalog))]
    [InlineData(typeof(WhatsAppOptions))]
    public void Each_policy_section_is_validated_at_start_up(Type options) =>
        Assert.Contains(services, descriptor => descriptor.ServiceType == typeof(IValidateOptions<>).MakeGenericType(options));

    [Fact]
    public void The_queue_names_are_bound_from_configuration() =>
        Assert.Contains(services, descriptor => descriptor.ServiceType == typeof(IConfigureOptions<QueueOptions>));

    [Fact]
    public void The_pipeline_logs_then_authenticates_validates_deduplicates_and_commits_in_that_order()
    {
        var behaviors = services
            .Where(descriptor => descriptor.ServiceType == typeof(IPipelineBehavior<ApplySmsStatus, Unit>))
            .Select(descriptor => descriptor.ImplementationType!.GetGenericTypeDefinition())
            .ToList();

        Assert.Equal(
            [typeof(LoggingBehavior<,>), typeof(AuthenticityBehavior<,>), typeof(ValidationBehavior<,>), typeof(IdempotencyBehavior<,>), typeof(UnitOfWorkBehavior<,>)],
            behaviors);
        Assert.Contains(services, descriptor => descriptor.ServiceType == typeof(IMediator) && descriptor.Lifetime == ServiceLifetime.Scoped);
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData("AT_RISK", 1)]
    public async Task Users_are_listed_in_pages_optionally_of_one_stage(string? stage, int total)
    {
        var world = new MessagingWorld();
        world.NewUser(LifecycleStage.Engaged);
        world.NewUser(LifecycleStage.AtRisk, "+919812345678");
        world.NewUser(LifecycleStage.Onboarding, "+919812345679");

        var page = await new ListUsersHandler(world.Users).Handle(new ListUsers(stage, 1, 50), CancellationToken.None);

        Assert.Equal((total, 1, 50), (page.Total, page.Page, page.PageSize));
        Assert.Equal(total, page.Items.Count);
        Assert.All(page.Items, user => Assert.True(stage is null || user.Stage == stage));
    }
}
