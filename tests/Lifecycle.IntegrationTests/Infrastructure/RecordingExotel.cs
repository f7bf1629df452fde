using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Lifecycle.IntegrationTests.Infrastructure;

public sealed record RecordedRequest(
    string Method, string Path, string? ContentType, string? Authorization, IReadOnlyDictionary<string, string> Form, string Body);

public sealed record CannedReply(HttpStatusCode Status, string Body, string ContentType = "application/json");

/// <summary>
/// A real HTTP server on a loopback port that records every request our Exotel clients send and answers with
/// what the test decides (by default an SMS accepted with a fresh SmsSid).
/// </summary>
public sealed class RecordingExotel : IAsyncDisposable
{
    private readonly WebApplication app;
    private int sequence;

    private RecordingExotel(WebApplication app) => this.app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<RecordedRequest, CannedReply?> Reply { get; set; } = _ => null;

    public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<RecordingExotel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var exotel = new RecordingExotel(app);
        app.Run(exotel.HandleAsync);
        await app.StartAsync();
        return exotel;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var form = http.Request.HasFormContentType
            ? QueryHelpers.ParseQuery(body).ToDictionary(pair => pair.Key, pair => pair.Value.ToString())
            : [];
        var request = new RecordedRequest(
            http.Request.Method, http.Request.Path, http.Request.ContentType, http.Request.Headers.Authorization, form, body);
        Requests.Enqueue(request);

        var reply = Reply(request) ?? new CannedReply(
            HttpStatusCode.OK,
            JsonSerializer.Serialize(new
            {
                SMSMessage = new { Sid = $"SM{Interlocked.Increment(ref sequence):D6}", Status = "queued", To = form.GetValueOrDefault("To") },
            }));
        http.Response.StatusCode = (int)reply.Status;
        http.Response.ContentType = reply.ContentType;
        await http.Response.WriteAsync(reply.Body);
    }
}
