using System.Text.Json.Nodes;
using Exotel.Sandbox.Callbacks;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Cqa;

/// <summary>
/// Analyses an ingested interaction: after the delay it is <c>COMPLETED</c> (default finalScore 80, a few KPI
/// results, a transcript) or <c>FAILED</c>, and a JSON callback signed with <c>X-CQA-Signature</c> goes to its
/// <c>callback_url</c> (else <c>{WebhookBaseUrl}/webhooks/cqa</c>) with a fresh <c>deliveryId</c>.
/// </summary>
internal sealed class CqaDesk(SandboxState state, CallbackSender sender, SandboxOptions options)
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
        sender.SendLater(Callback.Json(Products.Cqa, url, Result(request, final), signedByCqa: true), delay, entry.Pending.Token);
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
            ? await sender.SendNowAsync(Callback.Json(Products.Cqa, url, Result(request, status), signedByCqa: true), ct)
            : null;
        return (status, attempt);
    }

    /// <summary>The CQA webhook body for a finished analysis.</summary>
    public static JsonObject Result(InteractionRequest request, CqaStatus status) => new()
    {
        ["event"] = status.Status == "FAILED" ? "INTERACTION_ANALYSIS_FAILED" : "INTERACTION_ANALYSIS_COMPLETED",
        ["deliveryId"] = Guid.NewGuid().ToString(),
        ["externalInteractionId"] = request.ExternalInteractionId,
        ["data"] = status.Status == "FAILED"
            ? new JsonObject
            {
                ["analysisId"] = request.AnalysisId,
                ["error"] = new JsonObject { ["code"] = "AUDIO_UNPROCESSABLE", ["message"] = "The audio could not be transcribed" },
            }
            : Analysis(request, status.Score ?? DefaultScore),
    };

    /// <summary>The analysis of a completed interaction (also the interaction detail, with a transcript).</summary>
    public static JsonObject Analysis(InteractionRequest request, double score, bool withTranscript = false)
    {
        var good = score >= 70;
        var analysis = new JsonObject
        {
            ["analysisId"] = request.AnalysisId,
            ["finalScore"] = score,
            ["criticalityAdjustedScore"] = Math.Max(0, score - 5),
            ["kpiResults"] = new JsonArray(
                Kpi("kpi-101", "Greeting and identification", "Yes", "The agent greeted the customer and confirmed their identity.", null, 100),
                Kpi("kpi-102", "Retention offer", good ? "Yes" : "No",
                    good ? "The agent offered the retention plan at the right moment." : "Agent did not offer retention discount.",
                    good ? null : "Offer the retention discount when the customer mentions cancelling.", good ? 100 : 0),
                Kpi("kpi-103", "Resolution confirmed", score >= 50 ? "Yes" : "No",
                    score >= 50 ? "The agent confirmed the issue was resolved." : "The call ended without a resolution.",
                    score >= 50 ? null : "Summarise the next step before ending the call.", score >= 50 ? 100 : 0)),
        };
        if (withTranscript)
        {
            analysis["transcript"] = new JsonArray(
                Line("agent", "Hello, this is the support team. Am I speaking with the account holder?", 0),
                Line("customer", "Yes, speaking. I was thinking of cancelling my plan.", 4.2),
                Line("agent", good ? "I understand. We can offer you three months at half price." : "I see. Is there anything else?", 9.8),
                Line("customer", good ? "That works for me, thank you." : "No, that's all.", 16.5));
        }

        return analysis;
    }

    private string? CallbackUrl(InteractionRequest request) =>
        request.CallbackUrl ?? options.DashboardWebhook("cqa");

    private static JsonObject Kpi(string id, string name, string response, string justification, string? suggestion, double kpiScore) => new()
    {
        ["kpiId"] = id,
        ["kpiName"] = name,
        ["aiResponse"] = response,
        ["aiJustification"] = justification,
        ["aiSuggestion"] = suggestion,
        ["finalScore"] = kpiScore,
    };

    private static JsonObject Line(string speaker, string text, double start) => new()
    {
        ["speaker"] = speaker,
        ["text"] = text,
        ["start_seconds"] = start,
    };
}
