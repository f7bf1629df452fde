using System.Text.Json.Nodes;
using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary>
/// Reads CQA's interaction detail (docs/exotel-wire.md "Interaction detail"): the documented envelope
/// <c>{status, request_id, data:{external_interaction_id, status, transcript_url, …}}</c>; a detail at the top level is
/// read too. CQA documents no transcript turns: a <c>transcript</c> array (guide §5) or <c>transcript_text</c> is
/// taken when present, and their absence is normal.
/// </summary>
internal static class InteractionReply
{
    public static InteractionDetail Read(string body, string externalInteractionId)
    {
        var root = ExotelV2Reply.Parse(body);
        var detail = ExotelV2Reply.Property(root, "data") is JsonObject data ? data : root;
        var turns = ExotelV2Reply.Property(detail, "transcript") is JsonArray { Count: > 0 } array ? array.ToJsonString() : null;
        return new InteractionDetail(
            ExotelV2Reply.Text(Field(detail, "external_interaction_id", "externalInteractionId")) ?? externalInteractionId,
            ExotelV2Reply.Text(Field(detail, "status", "analysis_status")),
            turns,
            ExotelV2Reply.Text(Field(detail, "transcript_text", "transcriptText")),
            ExotelV2Reply.Text(Field(detail, "transcript_url", "transcriptUrl")));
    }

    private static JsonNode? Field(JsonNode? node, string name, string alternative) =>
        ExotelV2Reply.Property(node, name) ?? ExotelV2Reply.Property(node, alternative);
}
