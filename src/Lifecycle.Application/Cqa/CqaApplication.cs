using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.Cqa;

/// <summary>
/// The CQA module's use cases: finished calls and live chats handed to analysis, CQA's events, the decisions a score
/// leads to, and <c>Lifecycle:Cqa</c>.
/// </summary>
public static class CqaApplication
{
    public static IServiceCollection AddCqaApplication(this IServiceCollection services)
    {
        services.AddValidatedOptions<CqaOptions, CqaOptionsValidator>(CqaOptions.Section);
        services.AddScoped<InteractionIntake>();
        services.AddScoped<InteractionConversations>();
        services.AddScoped<QualityDecisions>();
        services.AddScoped<IDomainEventHandler<CallRecorded>, AnalyseRecordedCall>();
        services.AddScoped<IDomainEventHandler<ConversationEnded>, AnalyseEndedChat>();
        return services;
    }
}
