using Lifecycle.Application.Campaigns;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Campaigns;

public class CampaignEventAndSyncTests
{
    private const string Campaign = "CMP_activation_d7";
    private readonly FakeUserRepository users = new();
    private readonly FakeEnrolments enrolments = new();
    private readonly FakeTimeProvider clock = new(TestUsers.T0);
    private readonly FakeCurrentWebhookEvent current = new();
    private readonly User user = TestUsers.InStage(LifecycleStage.Onboarding, TestUsers.T0);
    private readonly CampaignEnrolment enrolment;

    public CampaignEventAndSyncTests()
    {
        users.Add(user);
        enrolment = CampaignEnrolment.Start(user.Id, Campaign, user.Phone!, "inactive", TestUsers.T0);
        enrolment.Activate(TestUsers.T0);
        enrolments.Add(enrolment);
        user.JoinCampaign(Campaign);
    }

    [Fact]
    public async Task A_response_found_by_number_is_recorded_on_the_enrolment_and_raised_as_the_users_response()
    {
        var at = TestUsers.T0.AddHours(3);

        await ApplyAsync(CampaignEventKind.Responded, "responded", phone: "+919876543210", at: at);

        var recorded = Assert.Single(enrolments.Events);
        Assert.Equal(("EV1", "responded", user.Id, enrolment.Id, "whatsapp", at), (recorded.EventKey, recorded.Name, recorded.UserId, recorded.EnrolmentId, recorded.Channel, recorded.At));
        Assert.Equal("responded", enrolment.LastEvent);
        Assert.Equal([new UserResponded(user.Id, $"campaign:{Campaign}", Campaign, TestUsers.T0)], user.DequeueDomainEvents());
        Assert.Equal(0, current.Forgotten);
    }

    [Fact]
    public async Task Completed_ends_the_enrolment_and_takes_the_user_out_of_the_campaign()
    {
        await ApplyAsync(CampaignEventKind.Completed, "completed", userId: user.Id.Value);

        Assert.Equal(EnrolmentStatus.Completed, enrolment.Status);
        Assert.Null(user.ActiveCampaignId);
        Assert.Equal((TestUsers.T0, "+919876543210"), (Assert.Single(enrolments.Events).At, enrolments.Events[0].Phone));
        Assert.Empty(user.DequeueDomainEvents());
    }

    [Fact]
    public async Task An_event_of_nobody_we_know_is_still_recorded()
    {
        await ApplyAsync(CampaignEventKind.Other, "clicked", phone: "+919999999999");
        await ApplyAsync(CampaignEventKind.Responded, "responded", campaign: null, phone: "not a phone");

        Assert.Equal([(null, null, null), (null, null, null)], enrolments.Events.Select(e => ((UserId?)e.UserId, e.EnrolmentId, e.Phone)));
        Assert.Null(enrolment.LastEvent);
        Assert.Empty(user.DequeueDomainEvents());
        Assert.Equal(2, current.Forgotten);
    }

    [Fact]
    public async Task An_event_of_an_erased_user_is_recorded_without_the_number_and_its_callback_not_kept()
    {
        user.Offboard(null, TestUsers.T0);
        user.ErasePersonalData("hash");

        await ApplyAsync(CampaignEventKind.Responded, "responded", phone: "+919876543210", userId: user.Id.Value, at: TestUsers.T0.AddHours(2));

        var recorded = Assert.Single(enrolments.Events);
        Assert.Equal((user.Id, (string?)null, (Guid?)null, TestUsers.T0.AddHours(2)), ((UserId)recorded.UserId!, recorded.Phone, recorded.EnrolmentId, recorded.At));
        Assert.Null(enrolment.LastEvent);
        Assert.Equal(1, current.Forgotten);
    }

    [Fact]
    public async Task The_segment_sync_pages_through_every_user_and_counts_what_was_refused()
    {
        var gateway = new FakeCampaignGateway { SyncAnswer = members => new ContactsSyncResult(members.Count - 1, 1, "1002: bad number") };
        var segments = new FakeSegments([.. Enumerable.Range(0, 5).Select(i => new SegmentMember(UserId.New(), $"+91987654321{i}", "Priya", LifecycleStage.Engaged))]);
        var logger = new CapturingLogger<SyncSegmentsHandler>();

        var result = await new SyncSegmentsHandler(segments, gateway, logger).Handle(new SyncSegments(), CancellationToken.None);

        Assert.Equal(new SegmentSyncResult(3, 2, 3), result);
        Assert.Equal([2, 2, 1], gateway.Syncs.Select(page => page.Count));
        Assert.Equal(segments.Members, gateway.Syncs.SelectMany(page => page));
        Assert.Equal(3, logger.Entries.Count(entry => entry.Level == LogLevel.Warning && entry.Message.Contains("1002: bad number")));
    }

    [Fact]
    public async Task A_sync_the_provider_took_whole_logs_nothing()
    {
        var gateway = new FakeCampaignGateway();
        var logger = new CapturingLogger<SyncSegmentsHandler>();

        var result = await new SyncSegmentsHandler(new FakeSegments([new SegmentMember(UserId.New(), "+919876543210", null, LifecycleStage.AtRisk)]), gateway, logger)
            .Handle(new SyncSegments(), CancellationToken.None);

        Assert.Equal(new SegmentSyncResult(1, 1, 0), result);
        Assert.Empty(logger.Entries);
    }

    private Task ApplyAsync(CampaignEventKind kind, string name, string? campaign = Campaign, string? phone = null, Guid? userId = null, DateTimeOffset? at = null) =>
        new ApplyCampaignEventHandler(users, enrolments, current, clock)
            .Handle(new ApplyCampaignEvent($"EV{enrolments.Events.Count + 1}", kind, name, campaign, phone, userId, "whatsapp", at), CancellationToken.None).AsTask();

    private sealed class FakeSegments(IReadOnlyList<SegmentMember> members) : ISegmentReader
    {
        public IReadOnlyList<SegmentMember> Members => members;

        public Task<IReadOnlyList<SegmentMember>> ReadAsync(int skip, int count, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<SegmentMember>>([.. members.Skip(skip).Take(count)]);
    }
}
