using System.Text.Json.Nodes;
using Exotel.Sandbox.Callbacks;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Cqa;

/// <summary>
/// Analyses an ingested interaction: after the delay it is <c>COMPLETED</c> (default finalScore 80, a few KPI
/// results) or <c>FAILED</c>, and a JSON callback signed with <c>X-CQA-Signature</c> goes to its <c>callback_url</c>
/// (else <c>{WebhookBaseUrl}/webhooks/cqa</c>) with a fresh <c>deliveryId</c>. Every shape is the one
/// https://developer.exotel.com/docs/cqa/overview documents (docs/sandbox.md "CQA").
/// </summary>
internal sealed class CqaDesk(SandboxState state, CallbackSender sender, SandboxOptions options, TimeProvider time)
{
    public const double DefaultScore = 80;

    public void Accept(InteractionEntry entry, ScenarioRule? rule)
    {
        var request = entry.Request;
        var delay = rule?.Delay ?? options.CallbackDelay;
        if (entry.CallbackLost || CallbackUrl(request) is not { } url)
        {
            return;
        }

        var final = entry.Timeline.Final;
        sender.SendLater(Callback.Json(Products.Cqa, url, Result(request, final, time.GetUtcNow() + delay), signedByCqa: true), delay, entry.Pending.Token);
    }

    public static ScenarioRule? RuleFor(ScenarioBook scenarios, string externalId, JsonNode? metadata) =>
        scenarios.OutcomeFor([Products.Cqa], externalId, metadata.Text("phone"), metadata.Text("user_id"));

    public static CqaStatus Final(ScenarioRule? rule) =>
        rule?.Outcome == "failed" ? new CqaStatus("FAILED", null) : new CqaStatus("COMPLETED", rule?.Score ?? DefaultScore);

    /// <summary>The end user's side decides the analysis now (control API): the pending callback is replaced by this one.</summary>
    public async Task<(CqaStatus Status, CallbackAttempt? Callback)?> SettleAsync(string externalId, CqaStatus status, CancellationToken ct)
    {
        if (state.SettleInteraction(externalId, status) is not { } request)
        {
            return null;
        }

        CallbackAttempt? attempt = CallbackUrl(request) is { } url
            ? await sender.SendNowAsync(Callback.Json(Products.Cqa, url, Result(request, status, time.GetUtcNow()), signedByCqa: true), ct)
            : null;
        return (status, attempt);
    }

    /// <summary>The CQA webhook body for a finished analysis: the page's "Full Example", and its FAILED <c>data</c>.</summary>
    public static JsonObject Result(InteractionRequest request, CqaStatus status, DateTimeOffset at) => new()
    {
        ["event"] = status.Status == "FAILED" ? "INTERACTION_ANALYSIS_FAILED" : "INTERACTION_ANALYSIS_COMPLETED",
        ["deliveryId"] = Guid.NewGuid().ToString(),
        ["timestamp"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["interactionId"] = request.AnalysisId,
        ["externalInteractionId"] = request.ExternalInteractionId,
        ["data"] = status.Status == "FAILED"
            ? new JsonObject { ["errorCode"] = "ANALYSIS_FAILED", ["errorMessage"] = "Transcript processing timed out" }
            : Analysis(request, status.Score ?? DefaultScore),
    };

    /// <summary>The analysis of a completed interaction, with the documented <c>kpiResults</c> fields.</summary>
    public static JsonObject Analysis(InteractionRequest request, double score)
    {
        var good = score >= 70;
        return new JsonObject
        {
            ["analysisId"] = request.AnalysisId,
            ["status"] = "COMPLETED",
            ["profileId"] = "prof-sandbox",
            ["aiScore"] = score,
            ["qaScore"] = null,
            ["finalScore"] = score,
            ["criticalityAdjustedScore"] = Math.Max(0, score - 5),
            ["kpiResults"] = new JsonArray(
                Kpi("kpi-101", "cat-01", "Yes", "The agent greeted the customer and confirmed their identity.", 5),
                Kpi("kpi-102", "cat-02", good ? "Yes" : "No",
                    good ? "The agent offered the retention plan at the right moment." : "Agent did not offer retention discount.", good ? 5 : 0),
                Kpi("kpi-103", "cat-03", score >= 50 ? "Yes" : "No",
                    score >= 50 ? "The agent confirmed the issue was resolved." : "The call ended without a resolution.", score >= 50 ? 5 : 0)),
        };
    }

    /// <summary>A small transcript of the interaction (served at the detail's <c>transcript_url</c>).</summary>
    public static JsonArray Transcript(double score)
    {
        var good = score >= 70;
        return new JsonArray(
            Line("agent", "Hello, this is the support team. Am I speaking with the account holder?", 0),
            Line("customer", "Yes, speaking. I was thinking of cancelling my plan.", 4.2),
            Line("agent", good ? "I understand. We can offer you three months at half price." : "I see. Is there anything else?", 9.8),
            Line("customer", good ? "That works for me, thank you." : "No, that's all.", 16.5));
    }

    private string? CallbackUrl(InteractionRequest request) =>
        request.CallbackUrl ?? options.DashboardWebhook("cqa");

    private static JsonObject Kpi(string id, string category, string response, string justification, double kpiScore) => new()
    {
        ["kpiId"] = id,
        ["categoryId"] = category,
        ["subCategoryId"] = null,
        ["aiResponse"] = response,
        ["aiJustification"] = justification,
        ["aiScore"] = kpiScore,
        ["qaScore"] = null,
        ["finalScore"] = kpiScore,
        ["criticalityAdjustedScore"] = kpiScore,
    };

    private static JsonObject Line(string speaker, string text, double start) => new()
    {
        ["speaker"] = speaker,
        ["text"] = text,
        ["start_seconds"] = start,
    };
}
