using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Tests;

public class StagePolicyTests
{
    // The transition table of policies.md, written out by hand.
    private static readonly HashSet<(LifecycleStage From, LifecycleStage To)> PolicyTable =
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
        (LifecycleStage.Acquired, LifecycleStage.Offboarded),
        (LifecycleStage.Onboarding, LifecycleStage.Offboarded),
        (LifecycleStage.Activated, LifecycleStage.Offboarded),
        (LifecycleStage.Engaged, LifecycleStage.Offboarded),
        (LifecycleStage.AtRisk, LifecycleStage.Offboarded),
        (LifecycleStage.Churned, LifecycleStage.Offboarded),
    ];

    public static TheoryData<LifecycleStage, LifecycleStage, bool> AllPairs()
    {
        var data = new TheoryData<LifecycleStage, LifecycleStage, bool>();
        foreach (var from in Enum.GetValues<LifecycleStage>())
        {
            foreach (var to in Enum.GetValues<LifecycleStage>())
            {
                data.Add(from, to, PolicyTable.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_transitions_of_the_policy_table_are_allowed(LifecycleStage from, LifecycleStage to, bool allowed) =>
        Assert.Equal(allowed, StagePolicy.Allows(from, to));

    [Fact]
    public void The_table_covers_all_seven_stages() =>
        Assert.Equal(49, AllPairs().Count());

    [Fact]
    public void Offboarded_is_terminal() =>
        Assert.All(Enum.GetValues<LifecycleStage>(), to => Assert.False(StagePolicy.Allows(LifecycleStage.Offboarded, to)));
}
