using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Tests.Shared;

/// <summary>
/// How to reach each stage from ACQUIRED through allowed transitions only — the arrangement every test project
/// uses to put a user in a stage. Linked into each test project (see tests/Directory.Build.props).
/// </summary>
public static class StagePaths
{
    private static readonly Dictionary<LifecycleStage, LifecycleStage[]> Paths = new()
    {
        [LifecycleStage.Acquired] = [],
        [LifecycleStage.Onboarding] = [LifecycleStage.Onboarding],
        [LifecycleStage.Activated] = [LifecycleStage.Onboarding, LifecycleStage.Activated],
        [LifecycleStage.Engaged] = [LifecycleStage.Onboarding, LifecycleStage.Activated, LifecycleStage.Engaged],
        [LifecycleStage.AtRisk] = [LifecycleStage.Onboarding, LifecycleStage.AtRisk],
        [LifecycleStage.Churned] = [LifecycleStage.Onboarding, LifecycleStage.AtRisk, LifecycleStage.Churned],
        [LifecycleStage.Offboarded] = [LifecycleStage.Offboarded],
    };

    /// <summary>Walks a freshly registered user to <paramref name="stage"/>, every step at <paramref name="at"/>.</summary>
    public static User WalkTo(this User user, LifecycleStage stage, DateTimeOffset at)
    {
        foreach (var next in Paths[stage])
        {
            user.TransitionTo(next, "arrange", "arrange", at);
        }

        return user;
    }
}
