using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Tests;

public class QualityPolicyTests
{
    private static readonly QualityThresholds Thresholds = new(50, 70, 85, ["kpi-compliance", "Data protection"], "kpi-fcr");

    [Theory]
    [InlineData(0, true, false, false)]
    [InlineData(49.9, true, false, false)]
    [InlineData(50, false, true, false)]
    [InlineData(69.9, false, true, false)]
    [InlineData(70, false, false, false)]
    [InlineData(84.9, false, false, false)]
    [InlineData(85, false, false, true)]
    [InlineData(100, false, false, true)]
    public void The_score_bands_of_policies_md(double score, bool campaign, bool review, bool autoClose)
    {
        var decision = QualityPolicy.Decide(Analysis(score), LifecycleStage.Engaged, Thresholds);

        Assert.Equal((campaign, review, autoClose, false, false), (decision.RetentionCampaign, decision.QaReview, decision.AutoCloseTicket, decision.Recovered, decision.Callback));
        Assert.Empty(decision.FailedCriticalKpis);
    }

    [Theory]
    [InlineData(LifecycleStage.AtRisk, 70, true)]
    [InlineData(LifecycleStage.AtRisk, 69.9, false)]
    [InlineData(LifecycleStage.Engaged, 90, false)]
    public void Recovery_needs_an_at_risk_user_at_ingest_and_at_least_the_review_threshold(LifecycleStage stage, double score, bool recovered) =>
        Assert.Equal(recovered, QualityPolicy.Decide(Analysis(score), stage, Thresholds).Recovered);

    [Fact]
    public void Critical_kpis_are_those_flagged_or_configured_by_id_or_name_and_fail_only_at_0()
    {
        var decision = QualityPolicy.Decide(
            Analysis(60,
                Kpi("kpi-1", null, 0, isCritical: true),
                Kpi("KPI-COMPLIANCE", null, 0),
                Kpi("kpi-7", "data PROTECTION", 0),
                Kpi("kpi-1", null, 0, isCritical: true),
                Kpi("kpi-2", null, 0.5, isCritical: true),
                Kpi("kpi-3", null, 0, isCritical: false)),
            LifecycleStage.Engaged,
            Thresholds);

        Assert.Equal(["kpi-1", "KPI-COMPLIANCE", "kpi-7"], decision.FailedCriticalKpis);
    }

    [Theory]
    [InlineData("kpi-fcr", null, "No", true)]
    [InlineData("kpi-9", "KPI-FCR", "no", true)]
    [InlineData("kpi-fcr", null, "Yes", false)]
    [InlineData("kpi-fcr", null, null, false)]
    [InlineData("kpi-9", "Greeting", "No", false)]
    public void A_callback_is_due_when_the_fcr_kpi_matched_by_id_or_name_answers_no(string id, string? name, string? answer, bool callback) =>
        Assert.Equal(callback, QualityPolicy.Decide(Analysis(75, new KpiResult(id, name, null, answer, null, null, 0, null)), LifecycleStage.Engaged, Thresholds).Callback);

    private static Analysis Analysis(double score, params KpiResult[] kpis) => new("an-1", score, null, kpis, []);

    private static KpiResult Kpi(string id, string? name, double score, bool? isCritical = null) => new(id, name, null, "No", null, null, score, isCritical);
}
