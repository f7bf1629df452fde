using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Cqa;

/// <summary>The thresholds and KPIs the decisions read (<c>Lifecycle:Cqa</c>).</summary>
public sealed record QualityThresholds(
    double TriggerRetentionCampaign, double FlagForQaReview, double AutoCloseResolved,
    IReadOnlyCollection<string> CriticalKpis, string FirstCallResolutionKpi);

/// <summary>What a finished analysis calls for (policies.md "CQA decisions").</summary>
public sealed record QualityDecision(
    bool RetentionCampaign, bool QaReview, bool AutoCloseTicket, bool Recovered, IReadOnlyList<string> FailedCriticalKpis, bool Callback);

/// <summary>The decisions of policies.md "CQA decisions" (guide §3.7, §5), as a pure function of an analysis.</summary>
public static class QualityPolicy
{
    public static QualityDecision Decide(Analysis analysis, LifecycleStage stageAtIngest, QualityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(thresholds);
        var score = analysis.FinalScore;
        var failedCritical = analysis.Kpis
            .Where(kpi => kpi.FinalScore == 0 && (kpi.IsCritical == true || thresholds.CriticalKpis.Any(kpi.Is)))
            .Select(kpi => kpi.KpiId)
            .Distinct()
            .ToList();
        var unresolved = analysis.Kpis.Any(kpi =>
            kpi.Is(thresholds.FirstCallResolutionKpi) && string.Equals(kpi.AiResponse?.Trim(), "No", StringComparison.OrdinalIgnoreCase));
        return new QualityDecision(
            RetentionCampaign: score < thresholds.TriggerRetentionCampaign,
            QaReview: score >= thresholds.TriggerRetentionCampaign && score < thresholds.FlagForQaReview,
            AutoCloseTicket: score >= thresholds.AutoCloseResolved,
            Recovered: stageAtIngest == LifecycleStage.AtRisk && score >= thresholds.FlagForQaReview,
            FailedCriticalKpis: failedCritical,
            Callback: unresolved);
    }
}
