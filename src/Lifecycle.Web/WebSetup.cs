using Lifecycle.Application.Common.Options;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.Web.Common;
using Lifecycle.Web.Composition;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Lifecycle.Web;

internal static class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Live unless configured otherwise, as ExotelOptions says: a production start must never run the sandbox by accident.
        if (configuration.GetValue($"{ExotelOptions.Section}:{nameof(ExotelOptions.Mode)}", ExotelMode.Live) == ExotelMode.Sandbox)
        {
            services.AddSingleton<InProcessSandbox>();
            services.AddHostedService(provider => provider.GetRequiredService<InProcessSandbox>());
        }

        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(ApiOptions.Section);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityScheme>());
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapEndpointGroups();
        return app;
    }

    /// <summary>
    /// Runs the host; a configuration error found at start-up is printed as the list of offending keys rather
    /// than as a stack trace, and the process exits with code 1.
    /// </summary>
    public static async Task RunWithReadableStartupErrorsAsync(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception exception) when (ConfigurationFailures(exception) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync("Lifecycle cannot start: the configuration is invalid.");
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync($"  - {failure}");
            }

            Environment.ExitCode = 1;
            return;
        }

        await app.RunAsync();
    }

    private static List<string> ConfigurationFailures(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(ConfigurationFailures)],
        _ => [],
    };
}
