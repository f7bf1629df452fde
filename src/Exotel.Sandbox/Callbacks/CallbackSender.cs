using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Exotel.Sandbox.Callbacks;

/// <summary>
/// Delivers callbacks like Exotel: unsigned to the URL we were handed (which carries the callback token) unless
/// <see cref="SandboxOptions.CallbackSecret"/> is set, then with <c>X-Exotel-Signature: sha256=&lt;hex HMAC-SHA256(raw
/// body)&gt;</c> as the guide describes; CQA always signs (<c>X-CQA-Signature</c>, <see cref="SandboxOptions.CqaCallbackSecret"/>). An answer other than 2xx, or none, is retried once per
/// <see cref="SandboxOptions.CallbackRetryDelays"/> entry (three times by default, at growing delays).
/// Also reads the text of a Greeting flow's URL, as Exotel does when such a call is answered.
/// </summary>
internal sealed class CallbackSender : IDisposable
{
    public const string ExotelSignatureHeader = "X-Exotel-Signature";
    public const string CqaSignatureHeader = "X-CQA-Signature";

    private const string UserAgent = "Exotel-Sandbox/1.0";

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly SandboxOptions options;
    private readonly SandboxState state;
    private readonly TimeProvider time;
    private readonly CallbackScheduler scheduler;
    private readonly ILogger<CallbackSender> logger;
    private readonly HttpMessageInvoker client;
    private long next;

    public CallbackSender(SandboxOptions options, SandboxState state, TimeProvider time, CallbackScheduler scheduler, ILogger<CallbackSender> logger)
    {
        this.options = options;
        this.state = state;
        this.time = time;
        this.scheduler = scheduler;
        this.logger = logger;
        client = options.CallbackHandler is { } handler
            ? new HttpMessageInvoker(handler, disposeHandler: false)
            : new HttpMessageInvoker(new SocketsHttpHandler(), disposeHandler: true);
    }

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Sends <paramref name="callback"/> after <paramref name="delay"/> (with its retries), unless cancelled first.</summary>
    public void SendLater(Callback callback, TimeSpan delay, CancellationToken cancel = default) =>
        scheduler.Schedule(delay, async ct =>
        {
            var (id, signature) = Track(callback);
            await DeliverWithRetriesAsync(id, callback, signature, ct);
        }, cancel);

    /// <summary>Sends now and answers the first attempt; the retries, if needed, go on in the background.</summary>
    public async Task<CallbackAttempt> SendNowAsync(Callback callback, CancellationToken ct)
    {
        var (id, signature) = Track(callback);
        var first = await AttemptAsync(id, callback, signature, ct);
        if (!Succeeded(first))
        {
            scheduler.Schedule(TimeSpan.Zero, retry => RetryAsync(id, callback, signature, retry));
        }

        return first;
    }

    /// <summary>
    /// The text a Greeting applet speaks, read from <paramref name="url"/> as Exotel does: a HEAD first, which must
    /// answer 2xx with <c>Content-Type: text/plain</c>, then a GET with the same query (the call's parameters). Null
    /// when either request fails or the text is not plain text: Exotel speaks nothing then.
    /// </summary>
    public async Task<string?> ReadGreetingTextAsync(string url, IEnumerable<KeyValuePair<string, string?>> parameters, CancellationToken ct)
    {
        var target = WithQuery(url, parameters);
        try
        {
            using var timeout = Timeout(ct);
            using (var head = await SendAsync(HttpMethod.Head, target, timeout.Token))
            {
                if (!IsPlainText(head))
                {
                    logger.LogWarning("Greeting text HEAD {Url} answered {Status} {ContentType}", url, (int)head.StatusCode, head.Content.Headers.ContentType);
                    return null;
                }
            }

            using var get = await SendAsync(HttpMethod.Get, target, timeout.Token);
            return IsPlainText(get) ? await get.Content.ReadAsStringAsync(timeout.Token) : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Greeting text from {Url} failed: {Error}", url, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// A flow's Passthru applet: "a GET request to the URL with the call details as URL-encoded HTTP query parameters",
    /// unsigned (there is no body). Its answer only steers the flow, so a failure is logged, not retried.
    /// </summary>
    public async Task PassthruAsync(string url, IEnumerable<KeyValuePair<string, string?>> parameters, CancellationToken ct)
    {
        try
        {
            using var timeout = Timeout(ct);
            using var response = await SendAsync(HttpMethod.Get, WithQuery(url, parameters), timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Passthru GET {Url} failed: {Error}", url, exception.Message);
        }
    }

    public void Dispose() => client.Dispose();

    private static string WithQuery(string url, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var query = string.Join('&', parameters.Where(pair => pair.Value is not null)
            .Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value!)}"));
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    private static CancellationTokenSource Timeout(CancellationToken ct)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(AttemptTimeout);
        return timeout;
    }

    private static bool IsPlainText(HttpResponseMessage response) =>
        response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/plain";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return await client.SendAsync(request, ct);
    }

    private static bool Succeeded(CallbackAttempt attempt) => attempt.StatusCode is >= 200 and < 300;

    private (long Id, string? Signature) Track(Callback callback)
    {
        var id = Interlocked.Increment(ref next);
        var secret = callback.SignedByCqa ? options.CqaCallbackSecret : options.CallbackSecret;
        var signature = string.IsNullOrEmpty(secret) ? null : Sign(secret, callback.Body);
        var header = callback.SignedByCqa ? CqaSignatureHeader : ExotelSignatureHeader;
        state.Track(new SandboxCallback(id, callback.Product, callback.Url, callback.ContentType, Encoding.UTF8.GetString(callback.Body), header, signature, []));
        return (id, signature);
    }

    private async Task DeliverWithRetriesAsync(long id, Callback callback, string? signature, CancellationToken ct)
    {
        if (!Succeeded(await AttemptAsync(id, callback, signature, ct)))
        {
            await RetryAsync(id, callback, signature, ct);
        }
    }

    private async Task RetryAsync(long id, Callback callback, string? signature, CancellationToken ct)
    {
        foreach (var delay in options.CallbackRetryDelays)
        {
            await Task.Delay(delay, time, ct);
            if (Succeeded(await AttemptAsync(id, callback, signature, ct)))
            {
                return;
            }
        }

        logger.LogWarning("Gave up on the {Product} callback to {Url} after {Attempts} attempts", callback.Product, callback.Url, options.CallbackRetryDelays.Length + 1);
    }

    private async Task<CallbackAttempt> AttemptAsync(long id, Callback callback, string? signature, CancellationToken ct)
    {
        CallbackAttempt attempt;
        try
        {
            using var timeout = Timeout(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url);
            request.Headers.UserAgent.ParseAdd(UserAgent);
            request.Content = new ByteArrayContent(callback.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", callback.ContentType);
            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation(callback.SignedByCqa ? CqaSignatureHeader : ExotelSignatureHeader, signature);
            }
            using var response = await client.SendAsync(request, timeout.Token);
            attempt = new CallbackAttempt(time.GetUtcNow(), (int)response.StatusCode, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            attempt = new CallbackAttempt(time.GetUtcNow(), null, exception.Message);
        }

        state.AddAttempt(id, attempt);
        if (!Succeeded(attempt))
        {
            logger.LogInformation("{Product} callback to {Url} answered {Status}", callback.Product, callback.Url, attempt.StatusCode?.ToString() ?? attempt.Error);
        }

        return attempt;
    }
}
