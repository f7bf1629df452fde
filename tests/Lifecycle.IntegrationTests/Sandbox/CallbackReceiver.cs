using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Lifecycle.IntegrationTests.Sandbox;

/// <summary>One request the sandbox made to the receiver (a callback, a webhook or an ExoML fetch).</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] RawBody)
{
    public string Body => Encoding.UTF8.GetString(RawBody);

    public IReadOnlyDictionary<string, string> Form =>
        QueryHelpers.ParseQuery(Body).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());

    public JsonElement Json => JsonDocument.Parse(RawBody).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether <paramref name="header"/> is <c>sha256=</c> + the hex HMAC-SHA256 of the raw body keyed with <paramref name="secret"/>.</summary>
    public bool IsSignedWith(string secret, string header = "X-Exotel-Signature") =>
        Header(header) == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), RawBody));
}

/// <summary>
/// A real HTTP server on a loopback port standing in for our service: it records what the sandbox sends and answers
/// what the test decides (200 by default). Tests await requests through <see cref="NextAsync"/>, never by sleeping.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private WebApplication app = null!;
    private readonly List<ReceivedRequest> all = [];
    private readonly List<ReceivedRequest> unclaimed = [];
    private readonly Lock gate = new();
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CallbackReceiver()
    {
    }

    public string BaseUrl => LoopbackServer.BaseUrl(app);

    /// <summary>Status, body and content type to answer a request with.</summary>
    public Func<ReceivedRequest, (int Status, string Body, string ContentType)> Reply { get; set; } = _ => (200, "{\"status\":\"accepted\"}", "application/json");

    /// <summary>Everything received so far.</summary>
    public IReadOnlyList<ReceivedRequest> All
    {
        get
        {
            lock (gate)
            {
                return [.. all];
            }
        }
    }

    public static async Task<CallbackReceiver> StartAsync()
    {
        var receiver = new CallbackReceiver();
        receiver.app = await LoopbackServer.StartAsync(receiver.HandleAsync);
        return receiver;
    }

    public string Url(string path) => BaseUrl.TrimEnd('/') + path;

    /// <summary>
    /// The first request not claimed yet (in arrival order) that matches, waiting at most <paramref name="wait"/>
    /// (10 s) for it; requests that do not match stay for later calls.
    /// </summary>
    public async Task<ReceivedRequest> NextAsync(Func<ReceivedRequest, bool>? match = null, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        while (true)
        {
            Task next;
            lock (gate)
            {
                var found = unclaimed.FirstOrDefault(request => match is null || match(request));
                if (found is not null)
                {
                    unclaimed.Remove(found);
                    return found;
                }

                next = arrived.Task;
            }

            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no matching request reached the receiver within {(wait ?? DefaultWait).TotalSeconds} s; received: "
                    + string.Join(" | ", All.Select(request => $"{request.Method} {request.Path} {request.Body}")));
            }
        }
    }

    /// <summary>The next request to <paramref name="path"/>.</summary>
    public Task<ReceivedRequest> NextToAsync(string path, Func<ReceivedRequest, bool>? match = null) =>
        NextAsync(request => request.Path == path && (match is null || match(request)));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var request = new ReceivedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "/",
            http.Request.QueryString.Value ?? string.Empty,
            http.Request.ContentType,
            http.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            buffer.ToArray());
        var (status, body, contentType) = Reply(request);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body);
        TaskCompletionSource signal;
        lock (gate)
        {
            all.Add(request);
            unclaimed.Add(request);
            signal = arrived;
            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }
}
