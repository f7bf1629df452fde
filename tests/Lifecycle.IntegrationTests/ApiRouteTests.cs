using System.Text.RegularExpressions;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// Every route of the public contract (api.md) is served. <c>GET /api/alerts</c> and <c>GET /api/metrics</c> come with
/// observability and are the only ones not served yet.
/// </summary>
public sealed partial class ApiRouteTests : IAsyncLifetime
{
    private static readonly string[] ContractRoutes =
    [
        "POST /api/signups",
        "POST /api/verifications",
        "POST /api/verifications/{}/check",
        "POST /api/verifications/{}/resend",
        "GET /api/verifications/{}",
        "GET /api/users/{}",
        "GET /api/users",
        "GET /api/users/{}/timeline",
        "POST /api/users/{}/events",
        "PUT /api/users/{}/preferences",
        "POST /api/users/{}/messages",
        "POST /api/users/{}/calls",
        "GET /api/calls/{}",
        "DELETE /api/users/{}",
        "GET /api/conversations",
        "GET /api/sessions/{}",
        "GET /api/tickets",
        "GET /api/qa-tasks",
        "GET /api/compliance-alerts",
        "GET /health/live",
        "GET /health/ready",
        "POST /webhooks/exotel/sms",
        "POST /webhooks/exotel/call",
        "POST /webhooks/exotel/voicebot",
        "POST /webhooks/exotel/whatsapp",
        "POST /webhooks/exotel/campaigns",
        "POST /webhooks/exotel/chatbot",
        "POST /webhooks/cqa",
        "POST /webhooks/exotel/sms/{}",
        "POST /webhooks/exotel/call/{}",
        "POST /webhooks/exotel/voicebot/{}",
        "POST /webhooks/exotel/whatsapp/{}",
        "POST /webhooks/exotel/campaigns/{}",
        "POST /webhooks/exotel/chatbot/{}",
        "GET /webhooks/exotel/call/{}",
        "GET /webhooks/exotel/voicebot/{}",
        "GET /exoml/voice-otp",
        "HEAD /exoml/voice-otp",
    ];

    private RecordingExotel exotel = null!;

    public async Task InitializeAsync() => exotel = await RecordingExotel.StartAsync();

    public async Task DisposeAsync() => await exotel.DisposeAsync();

    [Fact]
    public async Task Every_route_of_the_contract_is_served()
    {
        await using var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), exotel.BaseUrl);
        _ = app.CreateClient();

        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {Shape(endpoint.RoutePattern.RawText)}"))
            .ToHashSet(StringComparer.Ordinal);

        // An endpoint without method metadata (the health checks) answers every method.
        var missing = ContractRoutes.Where(route => !served.Contains(route) && !served.Contains($"* {route.Split(' ')[1]}")).ToList();
        Assert.True(missing.Count == 0, $"Not served: {string.Join(", ", missing)}");
    }

    /// <summary>A route pattern with every parameter written <c>{}</c>, so that the names need not match api.md's.</summary>
    private static string Shape(string? pattern) => Parameter().Replace("/" + (pattern ?? string.Empty).Trim('/'), "{}");

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
