using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.WhatsApp;

internal static class WhatsAppClients
{
    /// <summary>WhatsApp at <c>Exotel:Endpoints:Api</c>, HTTP Basic; and <see cref="ExotelWhatsApp"/>.</summary>
    public static IServiceCollection AddWhatsAppClients(this IServiceCollection services)
    {
        services.AddExotelClient<IExotelWhatsAppApi, ExotelBasicAuth>(endpoints => endpoints.Api);
        services.AddTransient<ExotelWhatsApp>();
        return services;
    }
}
