using System.Text;
using System.Text.Json;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Lifecycle.Infrastructure.Common.Webhooks;

/// <summary>Reads form-urlencoded (Exotel's default), multipart and JSON webhook bodies alike.</summary>
internal sealed class WebhookPayloadParser : IWebhookPayloadParser
{
    public async ValueTask<WebhookFields> ParseAsync(string contentType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            throw new UnreadableWebhookException($"Unreadable content type '{contentType}'.");
        }

        try
        {
            return mediaType.MediaType.Value?.ToLowerInvariant() switch
            {
                "application/json" => WebhookFields.FromJson(body.Span),
                "application/x-www-form-urlencoded" => WebhookFields.FromPairs(
                    QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Span)).Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString()))),
                "multipart/form-data" => await ReadMultipartAsync(mediaType, body, ct),
                _ => throw new UnreadableWebhookException($"Content type '{mediaType.MediaType}' is not accepted."),
            };
        }
        catch (Exception exception) when (exception is JsonException or FormatException or IOException or InvalidDataException)
        {
            throw new UnreadableWebhookException($"The body is not valid {mediaType.MediaType}: {exception.Message}");
        }
    }

    private static async Task<WebhookFields> ReadMultipartAsync(MediaTypeHeaderValue mediaType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            ?? throw new UnreadableWebhookException("A multipart body needs a boundary.");
        var reader = new MultipartReader(boundary, new MemoryStream(body.ToArray()));
        var pairs = new List<KeyValuePair<string, string>>();
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.Name.HasValue
                && !disposition.FileName.HasValue)
            {
                using var text = new StreamReader(section.Body, Encoding.UTF8);
                pairs.Add(KeyValuePair.Create(HeaderUtilities.RemoveQuotes(disposition.Name).Value!, await text.ReadToEndAsync(ct)));
            }
        }

        return WebhookFields.FromPairs(pairs);
    }
}
