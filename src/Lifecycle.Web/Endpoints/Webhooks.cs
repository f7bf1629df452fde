using System.Buffers;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Web.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Lifecycle.Web.Endpoints;

/// <summary>
/// <c>/webhooks/exotel/{product}</c>, <c>/webhooks/exotel/{product}/{token}</c> (POST, and GET for the products whose
/// flows report through a Passthru applet) and <c>/webhooks/cqa</c>: authenticate (signature or URL token), store in the
/// inbox, answer at once. Processing happens later, off the request.
/// </summary>
internal sealed class Webhooks : IEndpointGroup
{
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] AcceptedMediaTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "application/json"];

    public void Map(IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks").WithTags("Webhooks");
        foreach (var reader in app.ServiceProvider.GetServices<IWebhookEventReader>())
        {
            var source = reader.Source;
            webhooks.MapPost(source.Route["/webhooks".Length..], (HttpContext http, IMediator mediator, CancellationToken ct) => AcceptAsync(http, source, null, mediator, ct))
                .WithName($"{source.Name}Webhook")
                .WithSummary($"Signed {source.Name} callbacks ({source.SignatureHeader}): 200 accepted or duplicate.")
                .Produces<WebhookAnswer>()
                .DisableAntiforgery();
            if (!source.AcceptsToken)
            {
                continue;
            }

            webhooks.MapPost($"{source.Route["/webhooks".Length..]}/{{token}}", (string token, HttpContext http, IMediator mediator, CancellationToken ct) =>
                    AcceptAsync(http, source, token, mediator, ct))
                .WithName($"{source.Name}TokenWebhook")
                .WithSummary($"{source.Name} callbacks to the token URL we handed Exotel (Webhooks:Tokens:Exotel): 200 accepted or duplicate.")
                .Produces<WebhookAnswer>()
                .DisableAntiforgery();
            if (reader.AcceptsPassthru)
            {
                webhooks.MapGet($"{source.Route["/webhooks".Length..]}/{{token}}", (string token, HttpContext http, IMediator mediator, CancellationToken ct) =>
                        AcceptPassthruAsync(http, source, token, mediator, ct))
                    .WithName($"{source.Name}PassthruWebhook")
                    .WithSummary($"{source.Name} events from an Exotel flow's Passthru applet (query parameters, token only): 200 accepted or duplicate.")
                    .Produces<WebhookAnswer>();
            }
        }
    }

    private static async Task<IResult> AcceptAsync(HttpContext http, WebhookSource source, string? token, IMediator mediator, CancellationToken ct)
    {
        var contentType = http.Request.ContentType ?? string.Empty;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !AcceptedMediaTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send {string.Join(", ", AcceptedMediaTypes)}.");
        }

        if (await ReadBodyAsync(http.Request, ct) is not var (buffer, length))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large",
                detail: $"A webhook body may not exceed {MaxBodyBytes} bytes.");
        }

        try
        {
            var signature = http.Request.Headers[source.SignatureHeader].ToString();
            var outcome = await mediator.Send(new AcceptWebhook(source, contentType, buffer.AsMemory(0, length), signature, token), ct);
            return Answer(outcome);
        }
        finally
        {
            // Nothing keeps the body past the command: the inbox stores the fields read from it.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A Passthru applet's GET: its query is the event, read exactly like a form body; with no body to sign, only the
    /// URL token authenticates it. Answered at once — a synchronous Passthru holds the caller until we do.
    /// </summary>
    private static async Task<IResult> AcceptPassthruAsync(HttpContext http, WebhookSource source, string token, IMediator mediator, CancellationToken ct)
    {
        var query = http.Request.QueryString.Value?.TrimStart('?') ?? string.Empty;
        if (query.Length > MaxBodyBytes)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large",
                detail: $"A webhook query may not exceed {MaxBodyBytes} bytes.");
        }

        var outcome = await mediator.Send(
            new AcceptWebhook(source, "application/x-www-form-urlencoded", System.Text.Encoding.UTF8.GetBytes(query), Signature: null, token), ct);
        return Answer(outcome);
    }

    /// <summary>The two answers, serialized once: a webhook's answer is the one thing every request writes.</summary>
    private static readonly byte[] Accepted = """{"status":"accepted"}"""u8.ToArray();
    private static readonly byte[] Duplicate = """{"status":"duplicate"}"""u8.ToArray();

    private static FileContentHttpResult Answer(InboxAcceptance outcome) =>
        TypedResults.Bytes(outcome == InboxAcceptance.Accepted ? Accepted : Duplicate, "application/json");

    /// <summary>
    /// The raw body in a buffer rented from the shared pool (the caller returns it), or null when it is larger than
    /// <see cref="MaxBodyBytes"/>: read from Kestrel's own buffers and copied once.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            var body = read.Buffer;
            if (body.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(body.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var buffer = ArrayPool<byte>.Shared.Rent((int)body.Length);
                body.CopyTo(buffer);
                reader.AdvanceTo(body.End);
                return (buffer, (int)body.Length);
            }

            reader.AdvanceTo(body.Start, body.End);
        }
    }

    /// <summary>The answer's shape, as the API description shows it (the endpoints write the bytes above).</summary>
    internal sealed record WebhookAnswer(string Status);
}
