using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Application.Verify;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// The Verify module: its use cases and store, ExoVerify and the voice OTP call. Its calls report to the Voice module's
/// <c>/webhooks/exotel/call</c>, where <see cref="VoiceOtpCallRoute"/> (registered with its use cases) claims them.
/// </summary>
public static class VerifyModule
{
    public static IServiceCollection AddVerifyModule(this IServiceCollection services)
    {
        services.AddVerifyApplication();
        services.AddScoped<IVerificationRepository, VerificationRepository>();
        services.AddScoped<IUserDataOwner, VerificationUserData>();
        services.AddVerifyClients();
        services.AddScoped<IVerifyGateway, ExotelVerifyGateway>();
        return services;
    }
}
