using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Sms;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Sms;

/// <summary>The SMS module: its use cases, the Exotel SMS client behind <see cref="ISmsGateway"/>, and the reader of <c>/webhooks/exotel/sms</c>.</summary>
public static class SmsModule
{
    public static IServiceCollection AddSmsModule(this IServiceCollection services)
    {
        services.AddSmsApplication();
        services.AddExotelClient<IExotelSmsApi, ExotelBasicAuth>(endpoints => endpoints.Api);
        services.AddScoped<ISmsGateway, ExotelSmsGateway>();
        services.AddSingleton<IWebhookEventReader, SmsCallbackReader>();
        return services;
    }
}
