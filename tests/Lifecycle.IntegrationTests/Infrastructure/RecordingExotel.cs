using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Lifecycle.IntegrationTests.Infrastructure;

public sealed record RecordedRequest(
    string Method, string Path, string? ContentType, string? Authorization, IReadOnlyDictionary<string, string> Form, string Body)
{
    /// <summary>Every request header, by case-insensitive name (e.g. <c>X-API-Key</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

public sealed record CannedReply(HttpStatusCode Status, string Body, string ContentType = "application/json");

/// <summary>
/// A real HTTP server on a loopback port that records every request our Exotel clients send and answers with
/// what the test decides (by default an SMS accepted with a fresh SmsSid).
/// </summary>
public sealed class RecordingExotel : IAsyncDisposable
{
    private WebApplication app = null!;
    private int sequence;

    private RecordingExotel()
    {
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Our message ids (the CustomField) an SMS request carried: one for send, one per message for bulksend.</summary>
    public static IEnumerable<string> SmsMessageIds(RecordedRequest request) =>
        request.Form.TryGetValue("CustomField", out var single)
            ? [single]
            : request.Form.Where(pair => pair.Key.EndsWith("[CustomField]", StringComparison.Ordinal)).Select(pair => pair.Value);

    public Func<RecordedRequest, CannedReply?> Reply { get; set; } = _ => null;

    /// <summary>
    /// Requests that get no answer at all: the server holds them until the client gives up (its attempt timeout), the
    /// way an Exotel that took the request but answers too late looks from our side.
    /// </summary>
    public Func<RecordedRequest, bool> Holds { get; set; } = _ => false;

    public string BaseUrl => LoopbackServer.BaseUrl(app);

    public static async Task<RecordingExotel> StartAsync()
    {
        var exotel = new RecordingExotel();
        exotel.app = await LoopbackServer.StartAsync(exotel.HandleAsync);
        return exotel;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    /// <summary>
    /// An SMS accepted with a fresh SmsSid, or for a bulk send the top-level array of <c>{"SMSMessage":{…}}</c>, one per
    /// message in order (api.md "Outbound wire choices").
    /// </summary>
    private object DefaultReply(RecordedRequest request)
    {
        object Accepted(string? to) => new { Sid = $"SM{Interlocked.Increment(ref sequence):D6}", Status = "queued", To = to };
        return request.Path.EndsWith("/bulksend.json", StringComparison.Ordinal)
            ? request.Form.Where(pair => pair.Key.EndsWith("[To]", StringComparison.Ordinal))
                .Select(pair => new { SMSMessage = Accepted(pair.Value) }).ToList()
            : new { SMSMessage = Accepted(request.Form.GetValueOrDefault("To")) };
    }

    private static async Task UntilTheClientGivesUpAsync(HttpContext http)
    {
        var abandoned = new TaskCompletionSource();
        await using var registration = http.RequestAborted.Register(() => abandoned.TrySetResult());
        await abandoned.Task;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var form = http.Request.HasFormContentType
            ? QueryHelpers.ParseQuery(body).ToDictionary(pair => pair.Key, pair => pair.Value.ToString())
            : [];
        var request = new RecordedRequest(
            http.Request.Method, http.Request.Path, http.Request.ContentType, http.Request.Headers.Authorization, form, body)
        {
            Headers = http.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };
        Requests.Enqueue(request);
        if (Holds(request))
        {
            await UntilTheClientGivesUpAsync(http);
            return;
        }

        var reply = Reply(request) ?? new CannedReply(HttpStatusCode.OK, JsonSerializer.Serialize(DefaultReply(request)));
        http.Response.StatusCode = (int)reply.Status;
        http.Response.ContentType = reply.ContentType;
        await http.Response.WriteAsync(reply.Body);
    }
}
