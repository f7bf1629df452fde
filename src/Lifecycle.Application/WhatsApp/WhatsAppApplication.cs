using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Lifecycle.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.WhatsApp;

/// <summary>The WhatsApp module's use cases: the WhatsApp rung of the channel ladder and <c>Lifecycle:WhatsApp</c>.</summary>
public static class WhatsAppApplication
{
    public static IServiceCollection AddWhatsAppApplication(this IServiceCollection services)
    {
        services.AddValidatedOptions<WhatsAppOptions, WhatsAppOptionsValidator>(WhatsAppOptions.Section);
        services.AddScoped<IMessageChannel, WhatsAppChannel>();
        return services;
    }
}
