using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary>The CQA module: the CQA ingestion client.</summary>
public static class CqaModule
{
    public static IServiceCollection AddCqaModule(this IServiceCollection services)
    {
        services.AddCqaClients();
        return services;
    }
}
