using System.Diagnostics;
using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// What each mediator behaviour costs one accepted webhook, in process: the service's own container with an inbox that
/// answers at once (no database in the figure), <c>AcceptWebhook</c> sent back to back, each in a new scope as an HTTP
/// request has, first through the whole pipeline, then with one behaviour taken out at a time, then with none.
/// </summary>
internal static class PipelineCost
{
    private static readonly (string Label, Type? Removed)[] Variants =
    [
        ("whole pipeline", null),
        ("without LoggingBehavior", typeof(LoggingBehavior<,>)),
        ("without AuthenticityBehavior", typeof(AuthenticityBehavior<,>)),
        ("without ValidationBehavior", typeof(ValidationBehavior<,>)),
        ("without IdempotencyBehavior", typeof(IdempotencyBehavior<,>)),
        ("without UnitOfWorkBehavior", typeof(UnitOfWorkBehavior<,>)),
        ("handler alone (no behaviour)", typeof(IPipelineBehavior<,>)),
    ];

    public static async Task<int> RunAsync(int iterations)
    {
        Console.WriteLine($"AcceptWebhook, {iterations:N0} sends per variant, one scope each, inbox answering at once");
        Console.WriteLine("| pipeline | µs CPU / send | bytes allocated / send |");
        Console.WriteLine("|---|---|---|");
        foreach (var (label, removed) in Variants)
        {
            await using var service = new InstantInboxService(removed);
            var (cpu, bytes) = Measure(service.Services, iterations);
            Console.WriteLine($"| {label} | {cpu:F2} | {bytes:N0} |");
        }

        return 0;
    }

    private static (double MicrosecondsCpu, double Bytes) Measure(IServiceProvider services, int iterations)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var body = SmsStatusCallback.Body("SMpipeline");
        var signature = SmsStatusCallback.Signature(body);
        var source = services.GetServices<IWebhookEventReader>().Single(reader => reader.Source.Name == "sms").Source;
        var command = new AcceptWebhook(source, "application/json", body, signature);
        void Send(int count)
        {
            for (var i = 0; i < count; i++)
            {
                using var scope = scopes.CreateScope();
                var outcome = scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
                if (!outcome.IsCompletedSuccessfully || outcome.Result != InboxAcceptance.Accepted)
                {
                    throw new InvalidOperationException("the pipeline did not accept the callback at once");
                }
            }
        }

        Send(iterations / 5);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Send(iterations);
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / iterations,
            (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations);
    }

    /// <summary>
    /// The service with one behaviour (or, for the open <c>IPipelineBehavior</c>, every one) taken out of the container.
    /// Any type of the service's assembly names its entry point; this project has a <c>Program</c> of its own.
    /// </summary>
    private sealed class InstantInboxService(Type? removed) : WebApplicationFactory<Lifecycle.Web.Common.ApiOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var file = Path.Combine(Path.GetTempPath(), $"pipeline-bench-{Guid.NewGuid():N}.db");
            foreach (var (key, value) in BenchmarkSettings.For("Sqlite", $"Data Source={file}"))
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Api:Keys:0", "benchmark-only-api-key");
            builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
            builder.UseEnvironment("Production");
            builder.UseSolutionRelativeContentRoot("src/Lifecycle.Web");
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IInbox>();
                services.AddSingleton<IInbox, InstantInbox>();
                foreach (var behaviour in services.Where(IsRemoved).ToList())
                {
                    services.Remove(behaviour);
                }
            });
        }

        private bool IsRemoved(ServiceDescriptor descriptor) =>
            removed is not null
            && descriptor.ServiceType.IsGenericType
            && descriptor.ServiceType.GetGenericTypeDefinition() == typeof(IPipelineBehavior<,>)
            && (removed == typeof(IPipelineBehavior<,>) || descriptor.ImplementationType?.GetGenericTypeDefinition() == removed);
    }

    private sealed class InstantInbox : IInbox
    {
        public Task<InboxAcceptance> AcceptAsync(InboxEntry entry, CancellationToken ct) => Task.FromResult(InboxAcceptance.Accepted);
    }
}
