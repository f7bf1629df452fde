using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>The wire names of the stages (<c>AT_RISK</c>), used by the API, the store and the timeline.</summary>
public static class StageNames
{
    public static WireNames<LifecycleStage> Wire { get; } = new(new Dictionary<LifecycleStage, string>
    {
        [LifecycleStage.Acquired] = "ACQUIRED",
        [LifecycleStage.Onboarding] = "ONBOARDING",
        [LifecycleStage.Activated] = "ACTIVATED",
        [LifecycleStage.Engaged] = "ENGAGED",
        [LifecycleStage.AtRisk] = "AT_RISK",
        [LifecycleStage.Churned] = "CHURNED",
        [LifecycleStage.Offboarded] = "OFFBOARDED",
    });

    public static string Name(this LifecycleStage stage) => Wire.Name(stage);
}
