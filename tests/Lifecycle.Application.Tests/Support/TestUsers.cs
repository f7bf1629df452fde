using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Support;

/// <summary>Users in any stage, reached by registering and walking only allowed transitions.</summary>
internal static class TestUsers
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

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

    /// <summary>A user whose every transition happened at <paramref name="at"/>, with its domain events already taken.</summary>
    public static User InStage(LifecycleStage stage, DateTimeOffset at)
    {
        var user = User.Register(UserId.New(), E164Phone.Parse("+919876543210"), "Priya", "arrange", at);
        foreach (var next in Paths[stage])
        {
            user.TransitionTo(next, "arrange", "arrange", at);
        }

        user.DequeueDomainEvents();
        return user;
    }
}
