using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Users;

public class ArmChurnWatchTests
{
    private static readonly DateTimeOffset At = TestUsers.T0;
    private static readonly UserId UserId = new(Guid.Parse("0195a1b2-0000-7000-8000-0000000000aa"));
    private static readonly string Key = $"churn-inactivity:{UserId.Value}";

    private readonly FakeTimers timers = new();

    [Theory]
    [InlineData(LifecycleStage.Activated)]
    [InlineData(LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.Churned)]
    public async Task Entering_engaged_schedules_the_inactivity_timer_inactivity_days_later(LifecycleStage from)
    {
        await Watch(inactivityDays: 10).HandleAsync(new UserStageChanged(UserId, from, LifecycleStage.Engaged, At), CancellationToken.None);

        var (key, dueAt, command) = Assert.Single(timers.Scheduled);
        Assert.Equal(Key, key);
        Assert.Equal(At.AddDays(10), dueAt);
        Assert.Equal(new MarkAtRiskIfInactive(UserId.Value), command);
        Assert.Empty(timers.Cancelled);
    }

    [Theory]
    [InlineData(LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.Offboarded)]
    public async Task Leaving_engaged_cancels_the_timer(LifecycleStage to)
    {
        await Watch().HandleAsync(new UserStageChanged(UserId, LifecycleStage.Engaged, to, At), CancellationToken.None);

        Assert.Equal([Key], timers.Cancelled);
        Assert.Empty(timers.Scheduled);
    }

    [Theory]
    [InlineData(null, LifecycleStage.Acquired)]
    [InlineData(LifecycleStage.Onboarding, LifecycleStage.Activated)]
    [InlineData(LifecycleStage.AtRisk, LifecycleStage.Churned)]
    public async Task Changes_that_neither_enter_nor_leave_engaged_leave_the_timer_alone(LifecycleStage? from, LifecycleStage to)
    {
        await Watch().HandleAsync(new UserStageChanged(UserId, from, to, At), CancellationToken.None);

        Assert.Empty(timers.Scheduled);
        Assert.Empty(timers.Cancelled);
    }

    [Fact]
    public async Task Domain_event_of_a_real_transition_arms_the_timer()
    {
        var user = TestUsers.InStage(LifecycleStage.Activated, At);
        user.TransitionTo(LifecycleStage.Engaged, "event:login", null, At.AddDays(2));

        foreach (var changed in user.DequeueDomainEvents().OfType<UserStageChanged>())
        {
            await Watch(inactivityDays: 14).HandleAsync(changed, CancellationToken.None);
        }

        var scheduled = Assert.Single(timers.Scheduled);
        Assert.Equal($"churn-inactivity:{user.Id.Value}", scheduled.Key);
        Assert.Equal(At.AddDays(16), scheduled.DueAt);
    }

    private ArmChurnWatch Watch(int inactivityDays = 14) => new(timers, Options.Create(new ChurnOptions { InactivityDays = inactivityDays }));
}
