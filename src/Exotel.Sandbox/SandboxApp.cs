using Exotel.Sandbox.Callbacks;
using Exotel.Sandbox.Campaigns;
using Exotel.Sandbox.Control;
using Exotel.Sandbox.Cqa;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.Sms;
using Exotel.Sandbox.Verify;
using Exotel.Sandbox.Voice;
using Exotel.Sandbox.WhatsApp;

namespace Exotel.Sandbox;

/// <summary>The one place the sandbox's services and routes are put together (in-process host and standalone host).</summary>
internal static class SandboxApp
{
    public static WebApplication Build(WebApplicationBuilder builder, SandboxOptions options, TimeProvider time)
    {
        builder.WebHost.UseUrls(options.Urls);
        if (string.IsNullOrWhiteSpace(options.WebhookBaseUrl))
        {
            options.WebhookBaseUrl = null;
        }

        var scenarios = new ScenarioBook();
        if (!string.IsNullOrWhiteSpace(options.ScenarioFile))
        {
            scenarios.LoadFile(ScenarioValidation.Load(options.ScenarioFile));
        }

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(scenarios);
        services.AddSingleton(provider => new SandboxState(time, provider.GetRequiredService<ScenarioBook>()));
        services.AddSingleton<SlidingWindowLimiter>();
        services.AddSingleton<CallbackScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<CallbackScheduler>());
        services.AddSingleton<CallbackSender>();
        services.AddSingleton<Faults>();
        services.AddSingleton<SmsDesk>();
        services.AddSingleton<CallDesk>();
        services.AddSingleton<WhatsAppDesk>();
        services.AddSingleton<CqaDesk>();

        var app = builder.Build();
        app.UseMiddleware<RequestRecorder>();
        SmsRoutes.Map(app);
        CallRoutes.Map(app);
        CcmCallRoutes.Map(app);
        WhatsAppRoutes.Map(app);
        VerifyRoutes.Map(app);
        CampaignRoutes.Map(app);
        CqaRoutes.Map(app);
        ControlRoutes.Map(app);
        app.MapFallback((HttpContext http) => Replies.Error(http, StatusCodes.Status404NotFound, "NOT_FOUND", $"The sandbox does not serve {http.Request.Method} {http.Request.Path}"));
        return app;
    }
}
