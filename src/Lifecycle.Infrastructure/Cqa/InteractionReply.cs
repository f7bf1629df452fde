using System.Text.Json.Nodes;
using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary>
/// Reads CQA's interaction detail: the analysis (<c>status</c>, <c>finalScore</c>, <c>criticalityAdjustedScore</c>, as
/// its callbacks name them) and <c>transcript</c>, a list of <c>{speaker, text, start_seconds}</c>. The detail may
/// stand at the top level or under <c>data</c>; snake_case spellings of the analysis fields are read too.
/// </summary>
internal static class InteractionReply
{
    public static InteractionDetail Read(string body, string externalInteractionId)
    {
        var root = ExotelV2Reply.Parse(body);
        var detail = ExotelV2Reply.Property(root, "data") is JsonObject data ? data : root;
        return new InteractionDetail(
            Field(detail, "externalInteractionId", "external_interaction_id") is { } id ? ExotelV2Reply.Text(id) ?? externalInteractionId : externalInteractionId,
            ExotelV2Reply.Text(Field(detail, "status", "analysis_status")),
            ExotelV2Reply.Number(Field(detail, "finalScore", "final_score")),
            ExotelV2Reply.Number(Field(detail, "criticalityAdjustedScore", "criticality_adjusted_score")),
            [.. ExotelV2Reply.Items(ExotelV2Reply.Property(detail, "transcript")).Select(Line).OfType<TranscriptLine>()]);
    }

    private static TranscriptLine? Line(JsonNode? line)
    {
        var text = ExotelV2Reply.Text(ExotelV2Reply.Property(line, "text"));
        return text is null
            ? null
            : new TranscriptLine(
                ExotelV2Reply.Text(ExotelV2Reply.Property(line, "speaker")) ?? string.Empty,
                text,
                ExotelV2Reply.Number(Field(line, "start_seconds", "startSeconds")) ?? 0);
    }

    private static JsonNode? Field(JsonNode? node, string name, string alternative) =>
        ExotelV2Reply.Property(node, name) ?? ExotelV2Reply.Property(node, alternative);
}
