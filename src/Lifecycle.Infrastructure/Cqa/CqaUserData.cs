using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Domain.Cqa;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Cqa;

/// <summary>
/// The CQA module's share of a user's data: the recording link of their calls and what the analysis wrote about their
/// conversations. Interactions not sent yet are not sent at all (<c>IngestInteraction</c> withdraws an offboarded user's);
/// the callback timers are follow-ups, cancelled with the core's.
/// </summary>
internal sealed class CqaUserData(LifecycleDbContext db) : IUserDataOwner
{
    public Task CancelPendingAsync(OffboardedUser user, CancellationToken ct) => Task.CompletedTask;

    public async Task EraseAsync(OffboardedUser user, CancellationToken ct)
    {
        foreach (var interaction in await db.Set<Interaction>().Where(interaction => interaction.UserId == user.UserId).ToListAsync(ct))
        {
            interaction.ErasePersonalData();
        }
    }
}
