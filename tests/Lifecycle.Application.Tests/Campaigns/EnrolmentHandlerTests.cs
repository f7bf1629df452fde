using Lifecycle.Application.Campaigns;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Campaigns;

public class EnrolmentHandlerTests
{
    private const string Campaign = "CMP_activation_d7";
    private readonly FakeUserRepository users = new();
    private readonly FakeEnrolments enrolments = new();
    private readonly FakeCampaignGateway gateway = new();
    private readonly FakeUnitOfWork unitOfWork = new();
    private readonly FakeTimeProvider clock = new(TestUsers.T0);
    private readonly User user = TestUsers.InStage(LifecycleStage.Onboarding, TestUsers.T0);

    public EnrolmentHandlerTests() => users.Add(user);

    [Fact]
    public async Task An_enrolment_is_recorded_before_the_request_and_activated_with_the_users_fields_after_it()
    {
        await EnrollAsync();

        var (campaign, phone, fields) = Assert.Single(gateway.Enrolled);
        Assert.Equal((Campaign, "+919876543210"), (campaign, phone));
        Assert.Equal(new Dictionary<string, string> { ["user_id"] = user.Id.ToString(), ["name"] = "Priya", ["stage"] = "ONBOARDING" }, fields);
        var enrolment = Assert.Single(enrolments.Enrolments);
        Assert.Equal((EnrolmentStatus.Active, "inactive", user.Id), (enrolment.Status, enrolment.Reason, enrolment.UserId));
        Assert.Equal(Campaign, user.ActiveCampaignId);
        Assert.Equal([null, "outbox:1"], unitOfWork.EventKeys);
    }

    [Fact]
    public async Task A_second_enrolment_while_one_is_open_asks_the_provider_nothing()
    {
        await EnrollAsync();
        await EnrollAsync();

        Assert.Single(gateway.Enrolled);
        Assert.Single(enrolments.Enrolments);
    }

    [Fact]
    public async Task An_enrolment_interrupted_before_its_answer_is_settled_as_unconfirmed_not_sent_again()
    {
        enrolments.Add(CampaignEnrolment.Start(user.Id, Campaign, user.Phone!, "inactive", TestUsers.T0));

        await EnrollAsync();

        Assert.Empty(gateway.Enrolled);
        var settled = Assert.Single(enrolments.Enrolments);
        Assert.Equal((EnrolmentStatus.Unconfirmed, "the enrol request was interrupted; not sent again"), (settled.Status, settled.Detail));
        Assert.Equal(Campaign, user.ActiveCampaignId);
    }

    [Fact]
    public async Task An_unknown_outcome_leaves_the_enrolment_unconfirmed_and_the_user_in_the_campaign()
    {
        gateway.Answer = new CampaignRequestResult.OutcomeUnknown("timed out");

        await EnrollAsync();

        var enrolment = Assert.Single(enrolments.Enrolments);
        Assert.Equal((EnrolmentStatus.Unconfirmed, "timed out"), (enrolment.Status, enrolment.Detail));
        Assert.Equal(Campaign, user.ActiveCampaignId);
    }

    [Fact]
    public async Task A_refusal_is_recorded_and_the_user_stays_out_of_the_campaign()
    {
        gateway.Answer = new CampaignRequestResult.Refused("1002", "unknown campaign");

        await EnrollAsync();

        var enrolment = Assert.Single(enrolments.Enrolments);
        Assert.Equal((EnrolmentStatus.Refused, "1002: unknown campaign"), (enrolment.Status, enrolment.Detail));
        Assert.Null(user.ActiveCampaignId);
    }

    [Fact]
    public async Task A_user_without_a_phone_or_unknown_is_not_enrolled()
    {
        user.Erased();

        await EnrollAsync();
        await new EnrollInCampaignHandler(users, enrolments, gateway, unitOfWork, new IdempotencyScope(), clock)
            .Handle(new EnrollInCampaign(Guid.NewGuid(), Campaign, "inactive"), CancellationToken.None);

        Assert.Empty(gateway.Enrolled);
        Assert.Empty(enrolments.Enrolments);
    }

    [Fact]
    public async Task Unenrolling_takes_the_user_out_of_their_active_campaign_and_ends_the_enrolment()
    {
        await EnrollAsync();

        await UnenrollAsync();

        Assert.Equal([(Campaign, "+919876543210")], gateway.Unenrolled);
        var enrolment = Assert.Single(enrolments.Enrolments);
        Assert.Equal((EnrolmentStatus.Unenrolled, "reply:whatsapp", "+919876543210"), (enrolment.Status, enrolment.Detail, enrolment.Phone));
        Assert.Null(user.ActiveCampaignId);
    }

    [Theory]
    [InlineData(false, "reply:whatsapp; unenrol refused: 404: not enrolled")]
    [InlineData(true, "reply:whatsapp; unenrol unconfirmed: timed out")]
    public async Task An_unenrolment_the_provider_did_not_confirm_still_ends_ours_with_the_reason(bool unknown, string detail)
    {
        await EnrollAsync();
        gateway.Answer = unknown ? new CampaignRequestResult.OutcomeUnknown("timed out") : new CampaignRequestResult.Refused("404", "not enrolled");

        await UnenrollAsync();

        Assert.Equal((EnrolmentStatus.Unenrolled, detail), (Assert.Single(enrolments.Enrolments).Status, enrolments.Enrolments[0].Detail));
        Assert.Null(user.ActiveCampaignId);
    }

    [Fact]
    public async Task An_erased_user_is_unenrolled_with_the_enrolments_number_which_is_then_erased_too()
    {
        await EnrollAsync();
        user.Offboard(null, TestUsers.T0);
        user.ErasePersonalData("hash");

        await UnenrollAsync();

        Assert.Equal([(Campaign, "+919876543210")], gateway.Unenrolled);
        var enrolment = Assert.Single(enrolments.Enrolments);
        Assert.Equal((EnrolmentStatus.Unenrolled, string.Empty), (enrolment.Status, enrolment.Phone));
        Assert.Null(user.ActiveCampaignId);
    }

    [Fact]
    public async Task An_erased_user_whose_enrolment_is_gone_just_leaves_the_campaign()
    {
        await EnrollAsync();
        enrolments.Enrolments[0].Unenroll("earlier", TestUsers.T0);
        user.Offboard(null, TestUsers.T0);
        user.ErasePersonalData("hash");

        await UnenrollAsync();

        Assert.Empty(gateway.Unenrolled);
        Assert.Null(user.ActiveCampaignId);
    }

    [Fact]
    public async Task A_user_in_no_campaign_is_not_unenrolled()
    {
        await UnenrollAsync();

        Assert.Empty(gateway.Unenrolled);
    }

    private Task EnrollAsync() =>
        new EnrollInCampaignHandler(users, enrolments, gateway, unitOfWork, new IdempotencyScope { EventKey = "outbox:1" }, clock)
            .Handle(new EnrollInCampaign(user.Id.Value, Campaign, "inactive"), CancellationToken.None).AsTask();

    private Task UnenrollAsync() =>
        new UnenrollFromCampaignHandler(users, enrolments, gateway, clock)
            .Handle(new UnenrollFromCampaign(user.Id.Value, "reply:whatsapp"), CancellationToken.None).AsTask();
}
