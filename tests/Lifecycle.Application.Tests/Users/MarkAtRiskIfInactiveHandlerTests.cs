using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Users;

public class MarkAtRiskIfInactiveHandlerTests
{
    private static readonly DateTimeOffset EngagedAt = TestUsers.T0;

    private readonly FakeTimeProvider clock = new(EngagedAt);
    private readonly FakeUserRepository users = new();
    private readonly FakeTimers timers = new();

    [Fact]
    public async Task Recent_activity_re_arms_the_timer_from_the_last_activity()
    {
        var user = Stored(LifecycleStage.Engaged);
        user.ApplyProductEvent(ProductEvent.Login, EngagedAt.AddDays(10), TimeSpan.FromDays(1), null, EngagedAt.AddDays(10));
        clock.Advance(TimeSpan.FromDays(14));
        var command = new MarkAtRiskIfInactive(user.Id.Value);

        await Handler().Handle(command, CancellationToken.None);

        Assert.Equal(LifecycleStage.Engaged, user.Stage);
        var (key, dueAt, rearmed) = Assert.Single(timers.Scheduled);
        Assert.Equal($"churn-inactivity:{user.Id.Value}", key);
        Assert.Equal(EngagedAt.AddDays(24), dueAt);
        Assert.Equal(command, rearmed);
    }

    [Fact]
    public async Task Timer_firing_early_re_arms_from_the_stage_entry_when_there_was_no_activity()
    {
        var user = Stored(LifecycleStage.Engaged);
        clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromHours(1));

        await Handler().Handle(new MarkAtRiskIfInactive(user.Id.Value), CancellationToken.None);

        Assert.Equal(LifecycleStage.Engaged, user.Stage);
        Assert.Equal(EngagedAt.AddDays(14), Assert.Single(timers.Scheduled).DueAt);
    }

    [Fact]
    public async Task Activity_before_entering_engaged_does_not_count_against_the_user()
    {
        var user = TestUsers.InStage(LifecycleStage.Activated, EngagedAt.AddDays(-5));
        user.ApplyProductEvent(ProductEvent.Login, EngagedAt.AddDays(-1), TimeSpan.FromDays(30), null, EngagedAt.AddDays(-1));
        user.TransitionTo(LifecycleStage.Engaged, "regular_usage", null, EngagedAt);
        users.Add(user);
        clock.Advance(TimeSpan.FromDays(13));

        await Handler().Handle(new MarkAtRiskIfInactive(user.Id.Value), CancellationToken.None);

        Assert.Equal(LifecycleStage.Engaged, user.Stage);
        Assert.Equal(EngagedAt.AddDays(14), Assert.Single(timers.Scheduled).DueAt);
    }

    [Fact]
    public async Task Engaged_user_inactive_for_inactivity_days_moves_to_at_risk()
    {
        var user = Stored(LifecycleStage.Engaged);
        user.ApplyProductEvent(ProductEvent.Usage, EngagedAt.AddDays(1), TimeSpan.FromDays(1), null, EngagedAt.AddDays(1));
        clock.Advance(TimeSpan.FromDays(15));

        await Handler().Handle(new MarkAtRiskIfInactive(user.Id.Value), CancellationToken.None);

        Assert.Equal(LifecycleStage.AtRisk, user.Stage);
        var transition = user.Transitions.Last();
        Assert.Equal((LifecycleStage.Engaged, LifecycleStage.AtRisk), (transition.From, transition.To));
        Assert.Equal("inactive", transition.Trigger);
        Assert.Equal($"timer:churn-inactivity:{user.Id.Value}", transition.CorrelationId);
        Assert.Equal(EngagedAt.AddDays(15), transition.At);
        Assert.Empty(timers.Scheduled);
    }

    [Theory]
    [InlineData(LifecycleStage.Activated)]
    [InlineData(LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.Churned)]
    [InlineData(LifecycleStage.Offboarded)]
    public async Task User_no_longer_engaged_is_left_alone(LifecycleStage stage)
    {
        var user = Stored(stage);
        var transitionsBefore = user.Transitions.Count;
        clock.Advance(TimeSpan.FromDays(30));

        await Handler().Handle(new MarkAtRiskIfInactive(user.Id.Value), CancellationToken.None);

        Assert.Equal(stage, user.Stage);
        Assert.Equal(transitionsBefore, user.Transitions.Count);
        Assert.Empty(timers.Scheduled);
    }

    [Fact]
    public async Task Unknown_user_is_ignored()
    {
        await Handler().Handle(new MarkAtRiskIfInactive(Guid.NewGuid()), CancellationToken.None);

        Assert.Empty(timers.Scheduled);
    }

    private User Stored(LifecycleStage stage)
    {
        var user = TestUsers.InStage(stage, EngagedAt);
        users.Add(user);
        return user;
    }

    private MarkAtRiskIfInactiveHandler Handler() =>
        new(users, timers, Options.Create(new ChurnOptions { InactivityDays = 14 }), clock);
}
