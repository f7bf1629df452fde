using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>
/// The Campaigns module's share of a user's data: the numbers on their enrolments and campaign events. The enrolment
/// still open keeps its number until the unenrolment that offboarding queued has used it (<c>UnenrollFromCampaignHandler</c>).
/// </summary>
internal sealed class CampaignUserData(LifecycleDbContext db) : IUserDataOwner
{
    public Task CancelPendingAsync(OffboardedUser user, CancellationToken ct) => Task.CompletedTask;

    public async Task EraseAsync(OffboardedUser user, CancellationToken ct)
    {
        var phone = user.Phone?.Value;
        await db.Set<CampaignEvent>().Where(campaignEvent => campaignEvent.UserId == user.UserId || (phone != null && campaignEvent.Phone == phone))
            .ExecuteUpdateAsync(set => set.SetProperty(campaignEvent => campaignEvent.Phone, (string?)null), ct);
        await db.Set<CampaignEnrolment>().Where(enrolment => enrolment.UserId == user.UserId && !CampaignEnrolmentRepository.OpenStatuses.Contains(enrolment.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(enrolment => enrolment.Phone, string.Empty), ct);
    }
}
