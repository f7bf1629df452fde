using Lifecycle.Application.Common.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.Verify;

/// <summary>The Verify module's use cases: sending and checking codes, the voice fallback, <c>Lifecycle:Verify</c>.</summary>
public static class VerifyApplication
{
    public static IServiceCollection AddVerifyApplication(this IServiceCollection services)
    {
        services.AddValidatedOptions<VerifyOptions, VerifyOptionsValidator>(VerifyOptions.Section);
        services.AddScoped<VerificationSending>();
        services.AddSingleton<Lifecycle.Calls.ICallRoute, VoiceOtpCallRoute>();
        return services;
    }
}
