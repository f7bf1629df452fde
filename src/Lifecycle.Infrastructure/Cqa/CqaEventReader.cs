using System.Globalization;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Cqa;
using Lifecycle.Domain.Cqa;
using Lifecycle.Infrastructure.Common.Webhooks;
using Mediator;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary>
/// Reads <c>POST /webhooks/cqa</c> (docs/exotel-wire.md "Callbacks"): <c>{event, deliveryId, externalInteractionId,
/// data}</c>, keyed by <c>deliveryId</c>, else <c>externalInteractionId|event</c> (api.md). COMPLETED's <c>data</c> is
/// CQA's documented analysis plus the guide's <c>categories</c>; FAILED's is CQA's <c>{errorCode, errorMessage}</c> or
/// the guide's <c>error</c> (a text or <c>{code, message}</c>). Every other event is accepted and recorded.
/// </summary>
internal sealed class CqaEventReader : SingleEventReader
{
    public const string Completed = "INTERACTION_ANALYSIS_COMPLETED";
    public const string Failed = "INTERACTION_ANALYSIS_FAILED";

    public override WebhookSource Source => CqaWebhook.Source;

    public override IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity)
    {
        var name = Event(fields)!;
        var data = fields.Child("data");
        var externalId = ExternalId(fields);
        return name switch
        {
            Completed when data is not null && Number(data, "finalScore", "final_score") is { } score =>
                new ApplyCqaEvent(identity.EventKey, CqaEventKind.AnalysisCompleted, name, externalId, AnalysisOf(data, score)),
            Failed => new ApplyCqaEvent(identity.EventKey, CqaEventKind.AnalysisFailed, name, externalId, Failure: FailureOf(data)),
            _ => new ApplyCqaEvent(identity.EventKey, CqaEventKind.Other, name, externalId),
        };
    }

    protected override WebhookIdentity Identify(WebhookFields fields)
    {
        var problems = new FieldProblems();
        var name = Event(fields);
        if (name is null)
        {
            problems.Add("event", "event is required.");
        }

        var externalId = ExternalId(fields);
        if (externalId is null && name?.StartsWith("INTERACTION_", StringComparison.Ordinal) == true)
        {
            problems.Add("externalInteractionId", "externalInteractionId is required for interaction events.");
        }

        problems.ThrowIfAny();
        var key = fields.Text("deliveryId", "delivery_id") ?? $"{externalId ?? fields.Text("interactionId") ?? fields.Text("timestamp")}|{name}";
        return new WebhookIdentity(key, $"cqa.{name!.ToLowerInvariant()}");
    }

    private static string? Event(WebhookFields fields) => fields.Text("event")?.Trim().ToUpperInvariant();

    private static string? ExternalId(WebhookFields fields) => fields.Text("externalInteractionId", "external_interaction_id");

    private static Analysis AnalysisOf(WebhookFields data, double score) => new(
        data.Text("analysisId", "analysis_id"),
        score,
        Number(data, "criticalityAdjustedScore", "criticality_adjusted_score"),
        [.. data.Items("kpiResults").Concat(data.Items("kpi_results")).Select(Kpi).OfType<KpiResult>()],
        [.. data.Items("categories").Select(Category).OfType<CategoryScore>()]);

    private static KpiResult? Kpi(WebhookFields kpi) =>
        kpi.Text("kpiId", "kpi_id") is { } id
            ? new KpiResult(
                id,
                kpi.Text("kpiName", "kpi_name", "name"),
                kpi.Text("categoryId", "category_id"),
                kpi.Text("aiResponse", "ai_response"),
                kpi.Text("aiJustification", "ai_justification"),
                kpi.Text("aiSuggestion", "ai_suggestion"),
                Number(kpi, "finalScore", "final_score"),
                bool.TryParse(kpi.Text("isCritical", "is_critical"), out var critical) ? critical : null)
            : null;

    private static CategoryScore? Category(WebhookFields category) =>
        category.Text("name", "categoryName", "category_name") is { } name
            ? new CategoryScore(name, Number(category, "finalScore", "final_score"))
            : null;

    /// <summary>CQA's <c>errorCode</c>/<c>errorMessage</c>, else the guide's <c>error</c> as a text or <c>{code, message}</c>.</summary>
    private static string? FailureOf(WebhookFields? data)
    {
        if (data is null)
        {
            return null;
        }

        var error = data.Child("error");
        var code = data.Text("errorCode", "error_code") ?? error?.Text("code");
        var message = data.Text("errorMessage", "error_message") ?? error?.Text("message") ?? (error is null ? data.Text("error") : null);
        return (code, message) switch
        {
            (null, null) => null,
            (null, _) => message,
            (_, null) => code,
            _ => $"{code}: {message}",
        };
    }

    private static double? Number(WebhookFields fields, params ReadOnlySpan<string> names) =>
        double.TryParse(fields.Text(names), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
