using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.WhatsApp;

/// <summary>The WhatsApp module: its use cases, the Exotel WhatsApp client behind <see cref="IWhatsAppGateway"/>, and the reader of <c>/webhooks/exotel/whatsapp</c>.</summary>
public static class WhatsAppModule
{
    public static IServiceCollection AddWhatsAppModule(this IServiceCollection services)
    {
        services.AddWhatsAppApplication();
        services.AddWhatsAppClients();
        services.AddScoped<IWhatsAppGateway, ExotelWhatsAppGateway>();
        services.AddSingleton<IWebhookEventReader, WhatsAppCallbackReader>();
        return services;
    }
}
