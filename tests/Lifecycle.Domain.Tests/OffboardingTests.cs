using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Tests.Support;

namespace Lifecycle.Domain.Tests;

public class OffboardingTests
{
    [Theory]
    [InlineData(LifecycleStage.Acquired)]
    [InlineData(LifecycleStage.Onboarding)]
    [InlineData(LifecycleStage.Engaged)]
    [InlineData(LifecycleStage.Churned)]
    public void Any_stage_can_be_offboarded_by_a_gdpr_request(LifecycleStage stage)
    {
        var user = Users.InStage(stage);

        user.Offboard("request-1", Users.T0.AddDays(1));

        Assert.Equal(LifecycleStage.Offboarded, user.Stage);
        var transition = user.Transitions.Last();
        Assert.Equal("gdpr_request", transition.Trigger);
        Assert.Equal("request-1", transition.CorrelationId);
        Assert.Equal(stage, transition.From);
        Assert.Equal(Users.T0.AddDays(1), user.StageUpdatedAt);
    }

    [Fact]
    public void Erasing_removes_name_and_phone_and_keeps_the_hash_the_stage_and_the_history()
    {
        var user = Users.InStage(LifecycleStage.Onboarding);
        user.Offboard(null, Users.T0);
        var history = user.TransitionCount;

        Assert.False(user.IsErased);
        user.ErasePersonalData("hash-1");

        Assert.True(user.IsErased);
        Assert.Null(user.Phone);
        Assert.Null(user.Name);
        Assert.Equal("hash-1", user.ErasedPhoneHash);
        Assert.Equal(LifecycleStage.Offboarded, user.Stage);
        Assert.Equal(history, user.TransitionCount);
    }

    [Fact]
    public void Only_an_offboarded_user_is_erased()
    {
        var user = Users.InStage(LifecycleStage.Engaged);

        var refused = Assert.Throws<InvalidOperationException>(() => user.ErasePersonalData("hash-1"));

        Assert.Contains("Engaged", refused.Message);
        Assert.NotNull(user.Phone);
        Assert.False(user.IsErased);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_erased_phone_leaves_a_hash(string hash)
    {
        var user = Users.InStage(LifecycleStage.Offboarded);

        Assert.ThrowsAny<ArgumentException>(() => user.ErasePersonalData(hash));
        Assert.NotNull(user.Phone);
    }

    [Theory]
    [InlineData(MessageStatus.Queued, MessageStatus.Submitted, true)]
    [InlineData(MessageStatus.Queued, MessageStatus.Failed, true)]
    [InlineData(MessageStatus.Queued, MessageStatus.Sending, false)]
    [InlineData(MessageStatus.Sending, MessageStatus.Submitted, true)]
    [InlineData(MessageStatus.Sending, MessageStatus.Undelivered, true)]
    [InlineData(MessageStatus.Submitted, MessageStatus.Delivered, false)]
    [InlineData(MessageStatus.Submitted, MessageStatus.Failed, false)]
    public void A_message_is_handed_over_once_it_leaves_our_hands(MessageStatus from, MessageStatus to, bool handedOver)
    {
        var message = Message();
        if (from != MessageStatus.Queued)
        {
            message.Advance(from, null, Users.T0);
        }

        message.DequeueDomainEvents();

        Assert.True(message.Advance(to, null, Users.T0.AddMinutes(1)));

        var events = message.DequeueDomainEvents();
        if (handedOver)
        {
            var handed = Assert.IsType<OutboundMessageHandedOver>(Assert.Single(events));
            Assert.Equal(new OutboundMessageHandedOver(message.Id, message.UserId, "offboarding_confirmation", to), handed);
        }
        else
        {
            Assert.Empty(events);
        }
    }

    [Fact]
    public void A_stale_status_hands_nothing_over()
    {
        var message = Message();
        message.MarkSubmitted("SM1", Users.T0);
        message.DequeueDomainEvents();

        Assert.False(message.Advance(MessageStatus.Sending, null, Users.T0));
        Assert.Empty(message.DequeueDomainEvents());
    }

    [Fact]
    public void A_queued_message_is_withdrawn_as_failed_with_no_fallback()
    {
        var message = Message();

        message.Cancel("not sent: offboarded", Users.T0.AddMinutes(1));

        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Equal("not sent: offboarded", message.StatusDetail);
        Assert.True(message.Escalated);
        Assert.Equal(Users.T0.AddMinutes(1), message.UpdatedAt);
    }

    [Theory]
    [InlineData(MessageStatus.Sending)]
    [InlineData(MessageStatus.Submitted)]
    [InlineData(MessageStatus.Delivered)]
    public void Only_a_queued_message_can_be_withdrawn(MessageStatus status)
    {
        var message = Message();
        message.Advance(status, "detail", Users.T0);

        var refused = Assert.Throws<InvalidOperationException>(() => message.Cancel("offboarded", Users.T0));
        Assert.Equal($"Only a queued message can be withdrawn (it is {status}).", refused.Message);
        Assert.Equal(status, message.Status);
        Assert.False(message.Escalated);
    }

    [Fact]
    public void Erasing_a_message_keeps_its_history_but_not_what_it_said()
    {
        var message = Message();
        message.MarkSubmitted("SM1", Users.T0);
        message.Advance(MessageStatus.Failed, "INVALID_NUMBER: +919876543210", Users.T0);

        Assert.False(message.RecipientErased);
        message.ErasePersonalData();

        Assert.True(message.RecipientErased);
        Assert.Equal(string.Empty, message.Body);
        Assert.Empty(message.Variables);
        Assert.Null(message.StatusDetail);
        Assert.Equal("SM1", message.ProviderId);
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Equal("offboarding_confirmation", message.Notification);
    }

    [Fact]
    public void An_erased_enrolment_and_campaign_event_keep_their_history_without_the_number()
    {
        var user = Users.Registered();
        var enrolment = CampaignEnrolment.Start(user.Id, "CMP_1", user.Phone!, "inactive", Users.T0);
        var recorded = CampaignEvent.Record(
            "EV1", CampaignEventKind.Responded, "responded", "CMP_1", Users.Phone, user.Id, enrolment.Id, "sms", Users.T0);

        enrolment.ErasePersonalData();
        recorded.ErasePersonalData();

        Assert.Equal((string.Empty, "CMP_1", "inactive"), (enrolment.Phone, enrolment.CampaignId, enrolment.Reason));
        Assert.Equal((null, "responded", "CMP_1"), (recorded.Phone, recorded.Name, recorded.CampaignId));
    }

    private static OutboundMessage Message() =>
        OutboundMessage.Queue(Users.Registered().Id, Channel.Sms, "offboarding_confirmation", "Bye Priya", Users.T0, new Dictionary<string, string> { ["name"] = "Priya" });
}
