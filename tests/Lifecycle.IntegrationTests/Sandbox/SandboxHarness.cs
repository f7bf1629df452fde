using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Exotel.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.IntegrationTests.Sandbox;

/// <summary>
/// A sandbox started with <see cref="ExotelSandbox.StartAsync(SandboxOptions, CancellationToken)"/> on a free port,
/// a <see cref="CallbackReceiver"/> as its callback and webhook target, and HTTP clients for its APIs.
/// </summary>
public sealed class SandboxHarness : IAsyncDisposable
{
    public const string AccountSid = "test-account";
    public const string ApiKey = "test-key";
    public const string ApiToken = "test-token";
    public const string VerifyApplicationId = "test-verify-app";
    public const string VerifyApplicationSecret = "test-verify-secret";
    public const string CqaAccountId = "test-cqa-account";
    public const string CqaApiKey = "test-cqa-key";
    public const string CallbackSecret = "test-callback-secret";
    public const string CqaCallbackSecret = "test-cqa-callback-secret";

    private SandboxHarness(ExotelSandbox sandbox, CallbackReceiver receiver)
    {
        Sandbox = sandbox;
        Receiver = receiver;
        Api = Client(sandbox.BaseUrl, ApiKey, ApiToken);
        Verify = Client(sandbox.BaseUrl, VerifyApplicationId, VerifyApplicationSecret);
        Cqa = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl) };
        Cqa.DefaultRequestHeaders.Add("X-API-Key", CqaApiKey);
        Control = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl) };
    }

    public ExotelSandbox Sandbox { get; }

    public CallbackReceiver Receiver { get; }

    /// <summary>v1/v2 API client, Basic api_key:api_token.</summary>
    public HttpClient Api { get; }

    /// <summary>Verify client, Basic application_id:secret.</summary>
    public HttpClient Verify { get; }

    /// <summary>CQA client, X-API-Key.</summary>
    public HttpClient Cqa { get; }

    /// <summary>The control API (no auth).</summary>
    public HttpClient Control { get; }

    public SandboxState State => Sandbox.State;

    public static async Task<SandboxHarness> StartAsync(Action<SandboxOptions>? configure = null, TimeProvider? clock = null)
    {
        var receiver = await CallbackReceiver.StartAsync();
        var options = new SandboxOptions
        {
            AccountSid = AccountSid,
            ApiKey = ApiKey,
            ApiToken = ApiToken,
            VerifyApplicationId = VerifyApplicationId,
            VerifyApplicationSecret = VerifyApplicationSecret,
            CqaAccountId = CqaAccountId,
            CqaApiKey = CqaApiKey,
            CallbackSecret = CallbackSecret,
            CqaCallbackSecret = CqaCallbackSecret,
            WebhookBaseUrl = receiver.BaseUrl,
            CallbackDelay = TimeSpan.FromMilliseconds(10),
            CallbackRetryDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30)],
        };
        configure?.Invoke(options);
        var sandbox = await ExotelSandbox.StartAsync(options, clock ?? TimeProvider.System);
        return new SandboxHarness(sandbox, receiver);
    }

    /// <summary>A harness whose clock only moves when the test advances it.</summary>
    public static async Task<(SandboxHarness Harness, FakeTimeProvider Clock)> StartWithFakeClockAsync(Action<SandboxOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 19, 10, 0, 0, TimeSpan.Zero));
        return (await StartAsync(configure, clock), clock);
    }

    public static string NewPhone() => "+9198" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Key, field.Value)));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    /// <summary>A valid SMS send form to <paramref name="to"/>, with <paramref name="overrides"/> replacing or removing (null) fields.</summary>
    public FormUrlEncodedContent SmsForm(string to, params (string Key, string? Value)[] overrides)
    {
        var fields = new Dictionary<string, string?>
        {
            ["From"] = "LFCYCL",
            ["To"] = to,
            ["Body"] = "Your order #ORD-001 is confirmed.",
            ["DltEntityId"] = "1101000000000000001",
            ["DltTemplateId"] = "1107000000000000001",
            ["SmsType"] = "transactional",
            ["StatusCallback"] = Receiver.Url("/webhooks/exotel/sms"),
            ["CustomField"] = "message:42",
        };
        foreach (var (key, value) in overrides)
        {
            fields[key] = value;
        }

        return new FormUrlEncodedContent(fields.Where(field => field.Value is not null).Select(field => new KeyValuePair<string, string>(field.Key, field.Value!)));
    }

    public Task<HttpResponseMessage> SendSmsAsync(string to, params (string Key, string? Value)[] overrides) =>
        Api.PostAsync($"/v1/Accounts/{AccountSid}/Sms/send.json", SmsForm(to, overrides));

    public Task<HttpResponseMessage> AddRulesAsync(params object[] rules) =>
        Control.PostAsync("/sandbox/scenarios", Json(new { rules }));

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Verify.Dispose();
        Cqa.Dispose();
        Control.Dispose();
        await Sandbox.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    private static HttpClient Client(string baseUrl, string user, string secret)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        return client;
    }
}
