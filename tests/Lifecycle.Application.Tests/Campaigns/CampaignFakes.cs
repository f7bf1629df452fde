using Lifecycle.Application.Campaigns;
using Lifecycle.Domain.Campaigns;

namespace Lifecycle.Application.Tests.Campaigns;

internal sealed class FakeEnrolments : ICampaignEnrolments
{
    public List<CampaignEnrolment> Enrolments { get; } = [];

    public List<CampaignEvent> Events { get; } = [];

    public Task<CampaignEnrolment?> FindOpenAsync(string campaignId, string phone, CancellationToken ct) =>
        Task.FromResult(Enrolments.LastOrDefault(enrolment => enrolment.CampaignId == campaignId && enrolment.Phone == phone && enrolment.Status.IsOpen()));

    public Task<CampaignEnrolment?> FindOpenOfUserAsync(global::Lifecycle.Domain.Lifecycle.UserId userId, string campaignId, CancellationToken ct) =>
        Task.FromResult(Enrolments.LastOrDefault(enrolment => enrolment.UserId == userId && enrolment.CampaignId == campaignId && enrolment.Status.IsOpen()));

    public void Add(CampaignEnrolment enrolment) => Enrolments.Add(enrolment);

    public void Add(CampaignEvent campaignEvent) => Events.Add(campaignEvent);
}

internal sealed class FakeCampaignGateway : ICampaignGateway
{
    public List<(string CampaignId, string Phone, IReadOnlyDictionary<string, string> Fields)> Enrolled { get; } = [];

    public List<(string CampaignId, string Phone)> Unenrolled { get; } = [];

    public List<IReadOnlyList<SegmentMember>> Syncs { get; } = [];

    public CampaignRequestResult Answer { get; set; } = new CampaignRequestResult.Accepted();

    public Func<IReadOnlyList<SegmentMember>, ContactsSyncResult> SyncAnswer { get; set; } = members => new ContactsSyncResult(members.Count, 0);

    public int MaxContactsPerSync { get; set; } = 2;

    public Task<CampaignRequestResult> EnrollAsync(string campaignId, string phone, IReadOnlyDictionary<string, string> fields, CancellationToken ct)
    {
        Enrolled.Add((campaignId, phone, fields));
        return Task.FromResult(Answer);
    }

    public Task<CampaignRequestResult> UnenrollAsync(string campaignId, string phone, CancellationToken ct)
    {
        Unenrolled.Add((campaignId, phone));
        return Task.FromResult(Answer);
    }

    public Task<ContactsSyncResult> SyncContactsAsync(IReadOnlyList<SegmentMember> members, CancellationToken ct)
    {
        Syncs.Add(members);
        return Task.FromResult(SyncAnswer(members));
    }
}
