namespace Lifecycle.Domain.Lifecycle;

/// <summary>The transition table of policies.md: the only stage changes the model allows.</summary>
public static class StagePolicy
{
    private static readonly HashSet<(LifecycleStage From, LifecycleStage To)> Allowed =
    [
        (LifecycleStage.Acquired, LifecycleStage.Onboarding),
        (LifecycleStage.Onboarding, LifecycleStage.Activated),
        (LifecycleStage.Activated, LifecycleStage.Engaged),
        (LifecycleStage.Onboarding, LifecycleStage.AtRisk),
        (LifecycleStage.Activated, LifecycleStage.AtRisk),
        (LifecycleStage.Engaged, LifecycleStage.AtRisk),
        (LifecycleStage.AtRisk, LifecycleStage.Engaged),
        (LifecycleStage.AtRisk, LifecycleStage.Churned),
        (LifecycleStage.Churned, LifecycleStage.Engaged),
    ];

    public static bool Allows(LifecycleStage from, LifecycleStage to) =>
        (to == LifecycleStage.Offboarded && from != LifecycleStage.Offboarded) || Allowed.Contains((from, to));
}
