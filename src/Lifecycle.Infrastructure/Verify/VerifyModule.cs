using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Application.Verify;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>The Verify module: its use cases and store, ExoVerify and the voice OTP call, and the reader of <c>/webhooks/exotel/call</c> (today only voice OTP calls report there).</summary>
public static class VerifyModule
{
    public static IServiceCollection AddVerifyModule(this IServiceCollection services)
    {
        services.AddVerifyApplication();
        services.AddScoped<IVerificationRepository, VerificationRepository>();
        services.AddScoped<IUserDataOwner, VerificationUserData>();
        services.AddVerifyClients();
        services.AddScoped<IVerifyGateway, ExotelVerifyGateway>();
        services.AddSingleton<IWebhookEventReader, CallCallbackReader>();
        return services;
    }
}
