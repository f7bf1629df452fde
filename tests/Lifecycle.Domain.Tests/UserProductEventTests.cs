using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Tests.Support;

namespace Lifecycle.Domain.Tests;

public class UserProductEventTests
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary>policies.md "Product events": the stage after the event, or null for a 409 cell.</summary>
    public static TheoryData<ProductEvent, LifecycleStage, LifecycleStage?> EventTable()
    {
        var data = new TheoryData<ProductEvent, LifecycleStage, LifecycleStage?>();
        LifecycleStage[] stages =
        [
            LifecycleStage.Acquired, LifecycleStage.Onboarding, LifecycleStage.Activated, LifecycleStage.Engaged,
            LifecycleStage.AtRisk, LifecycleStage.Churned, LifecycleStage.Offboarded,
        ];
        LifecycleStage? refused = null;
        void Row(ProductEvent productEvent, params LifecycleStage?[] outcomes)
        {
            for (var i = 0; i < stages.Length; i++)
            {
                data.Add(productEvent, stages[i], outcomes[i]);
            }
        }

        Row(ProductEvent.Login, LifecycleStage.Acquired, LifecycleStage.Onboarding, LifecycleStage.Engaged, LifecycleStage.Engaged,
            LifecycleStage.Engaged, LifecycleStage.Engaged, refused);
        Row(ProductEvent.KeyAction, refused, LifecycleStage.Activated, LifecycleStage.Activated, LifecycleStage.Engaged,
            LifecycleStage.Engaged, LifecycleStage.Engaged, refused);
        Row(ProductEvent.Usage, LifecycleStage.Acquired, LifecycleStage.Onboarding, LifecycleStage.Engaged, LifecycleStage.Engaged,
            LifecycleStage.Engaged, LifecycleStage.Engaged, refused);
        Row(ProductEvent.UsageDrop, refused, LifecycleStage.AtRisk, LifecycleStage.AtRisk, LifecycleStage.AtRisk,
            LifecycleStage.AtRisk, refused, refused);
        Row(ProductEvent.BillingFlag, refused, LifecycleStage.AtRisk, LifecycleStage.AtRisk, LifecycleStage.AtRisk,
            LifecycleStage.AtRisk, refused, refused);
        return data;
    }

    [Theory]
    [MemberData(nameof(EventTable))]
    public void Product_event_leads_to_the_stage_of_the_policy_table(ProductEvent productEvent, LifecycleStage stage, LifecycleStage? expected)
    {
        var user = Users.InStage(stage, Users.T0);
        var transitionsBefore = user.Transitions.Count;
        var occurredAt = Users.T0.AddDays(2);

        if (expected is not { } after)
        {
            var refused = Assert.Throws<ProductEventRefused>(
                () => user.ApplyProductEvent(productEvent, occurredAt, OneDay, "corr-1", occurredAt));
            Assert.Contains(productEvent.Name(), refused.Message);
            Assert.Equal(stage, user.Stage);
            Assert.Null(user.LastActivityAt);
            Assert.Equal(transitionsBefore, user.Transitions.Count);
            return;
        }

        var result = user.ApplyProductEvent(productEvent, occurredAt, OneDay, "corr-1", occurredAt);

        Assert.Equal(after, result);
        Assert.Equal(after, user.Stage);
        if (after == stage)
        {
            Assert.Equal(transitionsBefore, user.Transitions.Count);
        }
        else
        {
            var transition = user.Transitions.Last();
            Assert.Equal((stage, after), (transition.From, transition.To));
            Assert.Equal($"event:{productEvent.Name()}", transition.Trigger);
            Assert.Equal("corr-1", transition.CorrelationId);
        }
    }

    [Theory]
    [InlineData(ProductEvent.Login)]
    [InlineData(ProductEvent.Usage)]
    public void Activated_user_stays_activated_before_engaged_after_days(ProductEvent productEvent)
    {
        var user = Users.InStage(LifecycleStage.Activated, Users.T0);
        var justBefore = Users.T0.AddDays(1).AddMinutes(-1);

        var stage = user.ApplyProductEvent(productEvent, justBefore, OneDay, null, justBefore);

        Assert.Equal(LifecycleStage.Activated, stage);
        Assert.Equal(justBefore, user.LastActivityAt);
    }

    [Theory]
    [InlineData(ProductEvent.Login)]
    [InlineData(ProductEvent.Usage)]
    public void Activated_user_becomes_engaged_once_engaged_after_days_have_passed(ProductEvent productEvent)
    {
        var user = Users.InStage(LifecycleStage.Activated, Users.T0);
        var dayLater = Users.T0.AddDays(1);

        var stage = user.ApplyProductEvent(productEvent, dayLater, OneDay, null, dayLater);

        Assert.Equal(LifecycleStage.Engaged, stage);
        Assert.Equal(dayLater, user.StageUpdatedAt);
    }

    [Fact]
    public void Key_action_of_an_activated_user_is_only_recorded_even_after_engaged_after_days()
    {
        var user = Users.InStage(LifecycleStage.Activated, Users.T0);
        var weekLater = Users.T0.AddDays(7);

        Assert.Equal(LifecycleStage.Activated, user.ApplyProductEvent(ProductEvent.KeyAction, weekLater, OneDay, null, weekLater));
        Assert.Equal(weekLater, user.LastActivityAt);
    }

    [Fact]
    public void Zero_engaged_after_days_engages_an_activated_user_at_once()
    {
        var user = Users.InStage(LifecycleStage.Activated, Users.T0);

        Assert.Equal(LifecycleStage.Engaged, user.ApplyProductEvent(ProductEvent.Login, Users.T0, TimeSpan.Zero, null, Users.T0));
    }

    [Fact]
    public void Key_action_in_onboarding_activates_the_user_and_records_the_activation_time()
    {
        var user = Users.InStage(LifecycleStage.Onboarding, Users.T0);
        var now = Users.T0.AddHours(5);

        user.ApplyProductEvent(ProductEvent.KeyAction, now.AddMinutes(-1), OneDay, null, now);

        Assert.Equal(LifecycleStage.Activated, user.Stage);
        Assert.Equal(now, user.ActivatedAt);
    }

    [Theory]
    [InlineData(ProductEvent.Login)]
    [InlineData(ProductEvent.KeyAction)]
    [InlineData(ProductEvent.Usage)]
    public void Activity_event_updates_last_activity_to_when_it_occurred(ProductEvent productEvent)
    {
        var user = Users.InStage(LifecycleStage.Engaged, Users.T0);
        var occurredAt = Users.T0.AddDays(3);

        user.ApplyProductEvent(productEvent, occurredAt, OneDay, null, occurredAt.AddMinutes(2));

        Assert.Equal(occurredAt, user.LastActivityAt);
    }

    [Fact]
    public void An_older_activity_event_does_not_move_last_activity_back()
    {
        var user = Users.InStage(LifecycleStage.Engaged, Users.T0);
        var recent = Users.T0.AddDays(3);
        user.ApplyProductEvent(ProductEvent.Login, recent, OneDay, null, recent);

        user.ApplyProductEvent(ProductEvent.Usage, recent.AddDays(-1), OneDay, null, recent.AddHours(1));

        Assert.Equal(recent, user.LastActivityAt);
    }

    [Theory]
    [InlineData(ProductEvent.UsageDrop, LifecycleStage.Engaged)]
    [InlineData(ProductEvent.BillingFlag, LifecycleStage.Engaged)]
    [InlineData(ProductEvent.UsageDrop, LifecycleStage.AtRisk)]
    [InlineData(ProductEvent.BillingFlag, LifecycleStage.AtRisk)]
    public void Decline_signals_do_not_update_last_activity(ProductEvent productEvent, LifecycleStage stage)
    {
        var user = Users.InStage(stage, Users.T0);
        var occurredAt = Users.T0.AddDays(3);

        user.ApplyProductEvent(productEvent, occurredAt, OneDay, null, occurredAt);

        Assert.Null(user.LastActivityAt);
    }
}
