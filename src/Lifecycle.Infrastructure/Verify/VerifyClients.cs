using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Verify;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Verify;

internal static class VerifyClients
{
    /// <summary>
    /// Verify at <c>Exotel:Endpoints:Verify</c>, HTTP Basic application_id:secret, and <see cref="ExotelVerify"/>; the voice
    /// OTP call at <c>Exotel:Endpoints:Api</c>, HTTP Basic api_key:api_token, behind <see cref="IVoiceOtpGateway"/>, with
    /// the flow it plays (<c>Exotel:VoiceOtp:Flow</c>, checked at start-up).
    /// </summary>
    public static IServiceCollection AddVerifyClients(this IServiceCollection services)
    {
        services.AddExotelClient<IExotelVerifyApi, ExotelVerifyAuth>(endpoints => endpoints.Verify);
        services.AddTransient<ExotelVerify>();
        services.AddValidatedOptions<VoiceOtpFlowOptions, VoiceOtpFlowOptionsValidator>(VoiceOtpFlowOptions.Section);
        services.AddExotelClient<IExotelVoiceOtpApi, ExotelBasicAuth>(endpoints => endpoints.Api);
        services.AddScoped<IVoiceOtpGateway, ExotelVoiceOtpGateway>();
        return services;
    }
}
