using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Users;

public class RecordProductEventHandlerTests
{
    private static readonly DateTimeOffset T0 = TestUsers.T0;

    private readonly FakeTimeProvider clock = new(T0);
    private readonly FakeUserRepository users = new();

    [Fact]
    public async Task Key_action_in_onboarding_activates_the_user()
    {
        var user = Stored(LifecycleStage.Onboarding);
        clock.Advance(TimeSpan.FromHours(1));

        var result = await Handler().Handle(new RecordProductEvent(user.Id.Value, "key_action", null), CancellationToken.None);

        Assert.Equal("ACTIVATED", result.Stage);
        Assert.Equal(LifecycleStage.Activated, user.Stage);
        var transition = user.Transitions.Last();
        Assert.Equal("event:key_action", transition.Trigger);
        Assert.Equal(user.Id.Value.ToString(), transition.CorrelationId);
        Assert.Equal(T0.AddHours(1), transition.At);
    }

    [Fact]
    public async Task Event_without_occurred_at_counts_as_activity_now()
    {
        var user = Stored(LifecycleStage.Engaged);
        clock.Advance(TimeSpan.FromDays(2));

        await Handler().Handle(new RecordProductEvent(user.Id.Value, "usage", null), CancellationToken.None);

        Assert.Equal(T0.AddDays(2), user.LastActivityAt);
    }

    [Fact]
    public async Task Event_with_occurred_at_records_activity_at_that_time()
    {
        var user = Stored(LifecycleStage.Engaged);
        clock.Advance(TimeSpan.FromDays(2));

        await Handler().Handle(new RecordProductEvent(user.Id.Value, "login", T0.AddDays(1)), CancellationToken.None);

        Assert.Equal(T0.AddDays(1), user.LastActivityAt);
    }

    [Fact]
    public async Task Activated_user_becomes_engaged_only_after_the_configured_engaged_after_days()
    {
        var user = Stored(LifecycleStage.Activated);
        var handler = Handler(engagedAfterDays: 3);

        clock.Advance(TimeSpan.FromDays(2));
        var early = await handler.Handle(new RecordProductEvent(user.Id.Value, "login", null), CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1));
        var onTime = await handler.Handle(new RecordProductEvent(user.Id.Value, "login", null), CancellationToken.None);

        Assert.Equal("ACTIVATED", early.Stage);
        Assert.Equal("ENGAGED", onTime.Stage);
    }

    [Fact]
    public async Task Zero_engaged_after_days_engages_on_the_first_login()
    {
        var user = Stored(LifecycleStage.Activated);

        var result = await Handler(engagedAfterDays: 0).Handle(new RecordProductEvent(user.Id.Value, "login", null), CancellationToken.None);

        Assert.Equal("ENGAGED", result.Stage);
    }

    [Fact]
    public async Task Event_type_is_read_without_regard_to_case()
    {
        var user = Stored(LifecycleStage.Engaged);

        var result = await Handler().Handle(new RecordProductEvent(user.Id.Value, "USAGE_DROP", null), CancellationToken.None);

        Assert.Equal("AT_RISK", result.Stage);
    }

    [Fact]
    public async Task Unknown_user_is_not_found()
    {
        var missing = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<NotFoundException>(
            async () => await Handler().Handle(new RecordProductEvent(missing, "login", null), CancellationToken.None));

        Assert.Equal("User", error.Resource);
        Assert.Contains(missing.ToString(), error.Message);
    }

    [Fact]
    public async Task Event_refused_in_the_users_stage_propagates_and_changes_nothing()
    {
        var user = Stored(LifecycleStage.Acquired);

        await Assert.ThrowsAsync<ProductEventRefused>(
            async () => await Handler().Handle(new RecordProductEvent(user.Id.Value, "key_action", null), CancellationToken.None));

        Assert.Equal(LifecycleStage.Acquired, user.Stage);
        Assert.Null(user.LastActivityAt);
    }

    private User Stored(LifecycleStage stage)
    {
        var user = TestUsers.InStage(stage, T0);
        users.Add(user);
        return user;
    }

    private RecordProductEventHandler Handler(int engagedAfterDays = 1) =>
        new(users, Options.Create(new ActivationOptions { EngagedAfterDays = engagedAfterDays }), clock);
}
