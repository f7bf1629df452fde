using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>
/// The contract tests' harness: each test gets its own recording Exotel and service instance (Live mode, every Exotel
/// endpoint pointed at the recorder), resolves a typed client from it and checks what went over the wire.
/// </summary>
public abstract class ExotelContract : IAsyncLifetime
{
    protected const string AccountSid = "test-account";
    protected const string CqaAccountId = "test-cqa-account";
    protected const string VirtualNumber = "+911140000000";
    protected const string WhatsAppFrom = "+919100000000";
    protected const string PublicBaseUrl = "http://lifecycle.test";

    protected static readonly string ApiCredentials = Basic("test-key", "test-token");
    protected static readonly string VerifyCredentials = Basic("test-verify-app", "test-verify-secret");

    private readonly List<LifecycleApp> apps = [];

    protected RecordingExotel Exotel { get; private set; } = null!;

    public async Task InitializeAsync() => Exotel = await RecordingExotel.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }

        await Exotel.DisposeAsync();
    }

    /// <summary>A typed client of a fresh service instance; <paramref name="httpRetries"/> sets <c>Exotel:Resilience:MaxRetries</c>.</summary>
    protected T Client<T>(int? httpRetries = null)
        where T : notnull
    {
        var overrides = new Dictionary<string, string?>();
        if (httpRetries is { } retries)
        {
            overrides["Exotel:Resilience:MaxRetries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var app = new LifecycleApp(TestStore.Create(StoreKind.Sqlite), Exotel.BaseUrl, overrides);
        apps.Add(app);
        return app.Services.GetRequiredService<T>();
    }

    protected static string Basic(string user, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}"));

    /// <summary>The one request Exotel received.</summary>
    protected RecordedRequest SingleRequest() => Assert.Single(Exotel.Requests);

    /// <summary>Every field of the form, and no other.</summary>
    protected static void AssertForm(IReadOnlyDictionary<string, string> expected, RecordedRequest request) =>
        Assert.Equal(
            expected.OrderBy(pair => pair.Key, StringComparer.Ordinal),
            request.Form.OrderBy(pair => pair.Key, StringComparer.Ordinal));

    /// <summary>The JSON body is exactly <paramref name="expected"/>: every member and value, no other member (member order aside).</summary>
    protected static void AssertJsonBody(string expected, RecordedRequest request)
    {
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal(Canonical(JsonNode.Parse(expected)), Canonical(JsonNode.Parse(request.Body)));
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject item => "{" + string.Join(",", item
            .OrderBy(member => member.Key, StringComparer.Ordinal)
            .Select(member => JsonSerializer.Serialize(member.Key) + ":" + Canonical(member.Value))) + "}",
        JsonArray items => "[" + string.Join(",", items.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
