using Lifecycle.Application;
using Lifecycle.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// The service's own registrations in a host of the benchmark's: starting it creates and migrates the store, and its
/// <c>LifecycleDbContext</c> seeds and reads it through the service's own schema.
/// </summary>
internal static class ServiceStore
{
    public static async Task<IHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
