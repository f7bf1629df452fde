using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Tests.Support;

namespace Lifecycle.Domain.Tests;

public class UserTransitionTests
{
    private static readonly DateTimeOffset Later = Users.T0.AddHours(3);

    [Fact]
    public void Allowed_transition_records_from_to_trigger_correlation_id_and_time()
    {
        var user = Users.InStage(LifecycleStage.Acquired);

        user.TransitionTo(LifecycleStage.Onboarding, "verify_approved", "VE123", Later);

        var transition = user.Transitions.Last();
        Assert.Equal(LifecycleStage.Acquired, transition.From);
        Assert.Equal(LifecycleStage.Onboarding, transition.To);
        Assert.Equal("verify_approved", transition.Trigger);
        Assert.Equal("VE123", transition.CorrelationId);
        Assert.Equal(Later, transition.At);
        Assert.Equal(user.Id, transition.UserId);
    }

    [Fact]
    public void Allowed_transition_changes_the_stage_and_its_update_time()
    {
        var user = Users.InStage(LifecycleStage.Acquired);

        user.TransitionTo(LifecycleStage.Onboarding, "verify_approved", "VE123", Later);

        Assert.Equal(LifecycleStage.Onboarding, user.Stage);
        Assert.Equal(Later, user.StageUpdatedAt);
    }

    [Fact]
    public void Allowed_transition_raises_user_stage_changed()
    {
        var user = Users.InStage(LifecycleStage.Engaged);

        user.TransitionTo(LifecycleStage.AtRisk, "inactive", null, Later);

        var changed = Assert.IsType<UserStageChanged>(Assert.Single(user.DequeueDomainEvents()));
        Assert.Equal(new UserStageChanged(user.Id, LifecycleStage.Engaged, LifecycleStage.AtRisk, Later), changed);
    }

    [Fact]
    public void Transition_to_activated_records_the_activation_time()
    {
        var user = Users.InStage(LifecycleStage.Onboarding);

        user.TransitionTo(LifecycleStage.Activated, "event:key_action", null, Later);

        Assert.Equal(Later, user.ActivatedAt);
    }

    [Fact]
    public void Transitions_are_numbered_in_order_from_one()
    {
        var user = Users.InStage(LifecycleStage.Churned);

        Assert.Equal([1, 2, 3, 4], user.Transitions.Select(transition => transition.Sequence));
        Assert.Equal(4, user.TransitionCount);
    }

    [Theory]
    [InlineData(LifecycleStage.Acquired, LifecycleStage.Activated)]
    [InlineData(LifecycleStage.Onboarding, LifecycleStage.Engaged)]
    [InlineData(LifecycleStage.Engaged, LifecycleStage.Engaged)]
    [InlineData(LifecycleStage.Churned, LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.Offboarded, LifecycleStage.Engaged)]
    [InlineData(LifecycleStage.Offboarded, LifecycleStage.Offboarded)]
    public void Refused_transition_throws_and_changes_nothing(LifecycleStage from, LifecycleStage to)
    {
        var user = Users.InStage(from);
        var transitionsBefore = user.Transitions.ToList();
        var stageUpdatedBefore = user.StageUpdatedAt;

        var refused = Assert.Throws<StageTransitionRefused>(() => user.TransitionTo(to, "manual", "c-1", Later));

        Assert.Equal(from, refused.From);
        Assert.Equal(to, refused.To);
        Assert.Equal("manual", refused.Trigger);
        Assert.Equal(from, user.Stage);
        Assert.Equal(stageUpdatedBefore, user.StageUpdatedAt);
        Assert.Equal(transitionsBefore, user.Transitions);
        Assert.Empty(user.DequeueDomainEvents());
    }

    [Fact]
    public void Refusal_message_names_both_stages_by_their_wire_names()
    {
        var user = Users.InStage(LifecycleStage.Churned);

        var refused = Assert.Throws<StageTransitionRefused>(() => user.TransitionTo(LifecycleStage.AtRisk, "manual", null, Later));

        Assert.Contains("CHURNED", refused.Message);
        Assert.Contains("AT_RISK", refused.Message);
    }
}
