using Lifecycle.Application.Cqa;
using Lifecycle.Application.Common.Webhooks;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary>
/// Hands interactions to Exotel CQA for analysis (a 409 for one it already has counts as success) and fetches an
/// interaction's detail (<c>GET …/ingress/interactions/{external id}</c>) for its transcript; 429/5xx throw <see cref="ExotelTransientException"/>.
/// </summary>
internal sealed class ExotelCqa(IExotelCqaApi api, IOptions<ExotelOptions> exotel, IOptions<WebhookOptions> webhooks)
{
    public async Task<InteractionIngest> IngestAsync(InteractionToAnalyse interaction, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(interaction.ExternalInteractionId, nameof(interaction));
        var audioUrl = string.IsNullOrEmpty(interaction.AudioUrl) ? null : interaction.AudioUrl;
        var body = new CqaInteractionBody
        {
            ExternalInteractionId = interaction.ExternalInteractionId,
            ChannelType = interaction.Channel.ToString().ToUpperInvariant(),
            AudioUrl = audioUrl,
            AudioFormat = audioUrl is null || string.IsNullOrEmpty(interaction.AudioFormat) ? null : interaction.AudioFormat,
            InteractionStartTime = interaction.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DurationSeconds = (int)Math.Round(interaction.Duration.TotalSeconds, MidpointRounding.AwayFromZero),
            CallbackUrl = ExotelCallbacks.Url(webhooks.Value, CqaWebhook.Source),
            TranscriptText = string.IsNullOrWhiteSpace(interaction.TranscriptText) ? null : interaction.TranscriptText,
            Metadata = interaction.Metadata is { Count: > 0 } ? interaction.Metadata : null,
        };

        using var response = await api.IngestAsync(exotel.Value.Cqa.AccountId, body, ct);
        var reply = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
        {
            return new InteractionIngest.Accepted(AlreadyIngested: response.StatusCode == HttpStatusCode.Conflict);
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, reply);
        return new InteractionIngest.Refused(code, message);
    }

    public async Task<InteractionLookup> GetInteractionAsync(string externalInteractionId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(externalInteractionId);
        using var response = await api.GetInteractionAsync(exotel.Value.Cqa.AccountId, externalInteractionId, ct);
        var reply = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode)
        {
            return ExotelV2Reply.Parse(reply) is JsonObject
                ? new InteractionLookup.Found(InteractionReply.Read(reply, externalInteractionId))
                : throw ExotelResponse.Unreadable(response, "interaction");
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, reply);
        return new InteractionLookup.Refused(code, message);
    }
}
