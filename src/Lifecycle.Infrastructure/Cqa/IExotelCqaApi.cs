using System.Text.Json.Serialization;
using Refit;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary>Exotel CQA (guide §3.7, §5): JSON, header <c>X-API-Key</c>, base <c>Exotel:Endpoints:Cqa</c>.</summary>
public interface IExotelCqaApi
{
    [Post("/cqa/api/v1/accounts/{accountId}/ingress/interactions")]
    Task<HttpResponseMessage> IngestAsync(string accountId, [Body(buffered: true)] CqaInteractionBody body, CancellationToken ct);

    [Get("/cqa/api/v1/accounts/{accountId}/ingress/interactions/{externalInteractionId}")]
    Task<HttpResponseMessage> GetInteractionAsync(string accountId, string externalInteractionId, CancellationToken ct);
}

public sealed class CqaInteractionBody
{
    /// <summary>Ours, e.g. <c>call-{CallSid}</c>; CQA answers 409 when it has this one already.</summary>
    [JsonPropertyName("external_interaction_id")]
    public required string ExternalInteractionId { get; init; }

    /// <summary><c>VOICE</c>, <c>CHAT</c>, <c>EMAIL</c>, <c>SMS</c> or <c>WHATSAPP</c>.</summary>
    [JsonPropertyName("channel_type")]
    public required string ChannelType { get; init; }

    [JsonPropertyName("audio_url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AudioUrl { get; init; }

    /// <summary>E.g. <c>WAV</c>.</summary>
    [JsonPropertyName("audio_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AudioFormat { get; init; }

    /// <summary>ISO-8601 UTC, <c>2026-05-19T10:00:00Z</c>.</summary>
    [JsonPropertyName("interaction_start_time")]
    public required string InteractionStartTime { get; init; }

    [JsonPropertyName("duration_seconds")]
    public required int DurationSeconds { get; init; }

    [JsonPropertyName("callback_url")]
    public required string CallbackUrl { get; init; }

    /// <summary>A chat's text (a call is analysed from its audio).</summary>
    [JsonPropertyName("transcript_text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TranscriptText { get; init; }

    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
