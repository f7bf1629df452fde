using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// Policies.md: "a reply on any channel unenrolls the user from the running drip and cancels the pending follow-ups".
/// The one place that does it, whatever the response was (<see cref="UserResponded"/>).
/// </summary>
internal sealed class CancelFollowUpsOnResponse(ITimers timers, IOutbox outbox) : IDomainEventHandler<UserResponded>
{
    public async Task HandleAsync(UserResponded responded, CancellationToken ct)
    {
        await timers.CancelAllAsync(FollowUps.Of(responded.UserId), ct);
        if (responded.ActiveCampaignId is not null)
        {
            outbox.Enqueue(new UnenrollFromCampaign(responded.UserId.Value, responded.How));
        }
    }
}
