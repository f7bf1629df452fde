using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Lifecycle.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Application.Sms;

/// <summary>The SMS module's use cases: the SMS rung of the channel ladder, its sending and failure policy, <c>Lifecycle:Sms</c>.</summary>
public static class SmsApplication
{
    public static IServiceCollection AddSmsApplication(this IServiceCollection services)
    {
        services.AddScoped<SmsSending>();
        services.AddScoped<SmsFailures>();
        services.AddScoped<IMessageChannel, SmsChannel>();
        services.AddValidatedOptions<SmsOptions, SmsOptionsValidator>(SmsOptions.Section);
        return services;
    }
}
