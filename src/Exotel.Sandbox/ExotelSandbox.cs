using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exotel.Sandbox;

/// <summary>
/// The sandbox hosted in-process: a Kestrel server on <see cref="SandboxOptions.Urls"/> (a free loopback port by
/// default) that answers like Exotel and calls back signed. Dispose to stop it and cancel pending callbacks.
/// </summary>
public sealed class ExotelSandbox : IAsyncDisposable
{
    private readonly WebApplication app;
    private int disposed;

    private ExotelSandbox(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
        State = app.Services.GetRequiredService<SandboxState>();
    }

    /// <summary>The address the sandbox actually listens on, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>What the sandbox saw and decided: OTPs, messages, calls, recorded requests, rules.</summary>
    public SandboxState State { get; }

    public static Task<ExotelSandbox> StartAsync(SandboxOptions options, CancellationToken ct = default) =>
        StartAsync(options, TimeProvider.System, ct);

    /// <summary>Starts the sandbox with its clock (windows, expiries, callback delays) taken from <paramref name="timeProvider"/>.</summary>
    public static async Task<ExotelSandbox> StartAsync(SandboxOptions options, TimeProvider timeProvider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        // Nothing of the host process leaks in: no appsettings, environment variables or console lifetime.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ExotelSandbox).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }
        else
        {
            builder.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        }

        var app = SandboxApp.Build(builder, options, timeProvider);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The sandbox started without an address");
        return new ExotelSandbox(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>An in-process host must not react to Ctrl+C or SIGTERM: its owner stops it.</summary>
    private sealed class InProcessLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
