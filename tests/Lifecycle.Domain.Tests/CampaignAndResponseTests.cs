using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Tests.Support;

namespace Lifecycle.Domain.Tests;

public class CampaignAndResponseTests
{
    private static readonly DateTimeOffset T0 = Users.T0;

    [Theory]
    [InlineData("login", true)]
    [InlineData("key_action", true)]
    [InlineData("usage", true)]
    [InlineData("usage_drop", false)]
    [InlineData("billing_flag", false)]
    public void Activity_is_a_response_a_signal_of_decline_is_not(string type, bool response)
    {
        var user = Users.InStage(LifecycleStage.Engaged, T0);
        user.JoinCampaign("CMP_x");

        user.ApplyProductEvent(ProductEventNames.Wire.Parse(type), T0, TimeSpan.Zero, "c", T0);

        var responded = user.DequeueDomainEvents().OfType<UserResponded>().ToList();
        Assert.Equal(response ? [new UserResponded(user.Id, $"event:{type}", "CMP_x", T0)] : [], responded);
    }

    [Fact]
    public void An_inbound_sms_and_a_campaign_response_are_responses()
    {
        var user = Users.InStage(LifecycleStage.AtRisk, T0);

        user.ReceiveSms("hi", T0);
        user.RespondToCampaign("CMP_x", T0);

        Assert.Equal(
            [new UserResponded(user.Id, "reply:sms", null, T0), new UserResponded(user.Id, "campaign:CMP_x", null, T0)],
            user.DequeueDomainEvents().OfType<UserResponded>());
    }

    [Fact]
    public void Last_seen_is_the_later_of_the_last_activity_and_the_stage_change()
    {
        var user = Users.InStage(LifecycleStage.Onboarding, T0);
        var before = user.LastSeenAt;
        user.ApplyProductEvent(ProductEvent.Login, T0.AddDays(-3), TimeSpan.Zero, "c", T0);
        var olderActivity = user.LastSeenAt;
        user.ApplyProductEvent(ProductEvent.Login, T0.AddDays(2), TimeSpan.Zero, "c", T0);

        Assert.Equal((T0, T0, T0.AddDays(2)), (before, olderActivity, user.LastSeenAt));
    }

    [Fact]
    public void A_nudge_is_due_once_per_spell_of_inactivity()
    {
        var user = Users.InStage(LifecycleStage.Onboarding, T0);
        var first = user.IsDueForNudge;
        user.NudgeForActivation(T0.AddDays(7));
        var afterNudge = user.IsDueForNudge;
        user.ApplyProductEvent(ProductEvent.Login, T0.AddDays(8), TimeSpan.Zero, "c", T0.AddDays(8));

        Assert.Equal((true, false, true), (first, afterNudge, user.IsDueForNudge));
        Assert.Equal(T0.AddDays(7), user.LastNudgedAt);
    }

    [Theory]
    [InlineData(LifecycleStage.Activated, false)]
    [InlineData(LifecycleStage.Onboarding, true)]
    public void Only_an_onboarding_user_due_for_a_nudge_can_be_nudged(LifecycleStage stage, bool nudgedBefore)
    {
        var user = Users.InStage(stage, T0);
        if (nudgedBefore)
        {
            user.NudgeForActivation(T0);
        }

        Assert.Throws<InvalidOperationException>(() => user.NudgeForActivation(T0.AddDays(1)));
    }

    [Fact]
    public void Leaving_a_campaign_keeps_another_one_joined_since()
    {
        var user = Users.InStage(LifecycleStage.Onboarding, T0);
        user.JoinCampaign("CMP_a");
        user.JoinCampaign("CMP_b");

        user.LeaveCampaign("CMP_a");
        var kept = user.ActiveCampaignId;
        user.LeaveCampaign("CMP_b");

        Assert.Equal(("CMP_b", (string?)null), (kept, user.ActiveCampaignId));
        Assert.Throws<ArgumentException>(() => user.JoinCampaign(" "));
    }

    [Fact]
    public void An_enrolment_is_open_until_it_ends_and_ends_once()
    {
        var enrolment = CampaignEnrolment.Start(UserId.New(), "CMP_a", E164Phone.Parse("+919876543210"), "inactive", T0);
        var states = new List<(EnrolmentStatus, bool)> { (enrolment.Status, enrolment.Status.IsOpen()) };
        enrolment.LeaveUnconfirmed("timed out", T0);
        states.Add((enrolment.Status, enrolment.Status.IsOpen()));
        enrolment.Activate(T0);
        states.Add((enrolment.Status, enrolment.Status.IsOpen()));
        enrolment.Unenroll("reply", T0.AddDays(1));
        states.Add((enrolment.Status, enrolment.Status.IsOpen()));
        enrolment.Complete(T0.AddDays(2));

        Assert.Equal(
            [(EnrolmentStatus.Enrolling, true), (EnrolmentStatus.Unconfirmed, true), (EnrolmentStatus.Active, true), (EnrolmentStatus.Unenrolled, false)],
            states);
        Assert.Equal((EnrolmentStatus.Unenrolled, "reply", T0.AddDays(1)), (enrolment.Status, enrolment.Detail, enrolment.UpdatedAt));
        Assert.Equal(("+919876543210", "CMP_a", "inactive", T0), (enrolment.Phone, enrolment.CampaignId, enrolment.Reason, enrolment.RequestedAt));
        Assert.False(EnrolmentStatus.Refused.IsOpen());
        Assert.False(EnrolmentStatus.Completed.IsOpen());
        Assert.Equal("unconfirmed", EnrolmentStatus.Unconfirmed.Name());
    }

    [Fact]
    public void A_campaign_id_is_required()
    {
        Assert.Throws<ArgumentException>(() => CampaignEnrolment.Start(UserId.New(), "", E164Phone.Parse("+919876543210"), "inactive", T0));
    }
}
