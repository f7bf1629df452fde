using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Tests.Support;

namespace Lifecycle.Domain.Tests;

public class UserRegistrationTests
{
    [Fact]
    public void Register_starts_in_acquired_with_a_signup_transition()
    {
        var user = Users.Registered(Users.T0);

        Assert.Equal(LifecycleStage.Acquired, user.Stage);
        Assert.Equal(Users.T0, user.StageUpdatedAt);
        Assert.Equal(Users.T0, user.CreatedAt);
        var transition = Assert.Single(user.Transitions);
        Assert.Null(transition.From);
        Assert.Equal(LifecycleStage.Acquired, transition.To);
        Assert.Equal("signup_submitted", transition.Trigger);
        Assert.Equal("signup-1", transition.CorrelationId);
        Assert.Equal(Users.T0, transition.At);
        Assert.Equal(user.Id, transition.UserId);
    }

    [Fact]
    public void Register_raises_a_stage_change_from_nothing_to_acquired()
    {
        var user = Users.Registered(Users.T0);

        var changed = Assert.IsType<UserStageChanged>(Assert.Single(user.DequeueDomainEvents()));
        Assert.Equal(new UserStageChanged(user.Id, null, LifecycleStage.Acquired, Users.T0), changed);
    }

    [Fact]
    public void Register_keeps_the_phone_and_name_and_has_no_activity_yet()
    {
        var user = Users.Registered();

        Assert.Equal(Users.Phone, user.Phone?.Value);
        Assert.Equal("Priya", user.Name);
        Assert.Null(user.LastActivityAt);
        Assert.Null(user.ActivatedAt);
    }
}
