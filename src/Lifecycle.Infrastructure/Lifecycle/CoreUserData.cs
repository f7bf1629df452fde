using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Lifecycle;

/// <summary>
/// The core's share of a user's data: the messages we send them, the calls we place to them, their conversations, their
/// follow-up timers, and the traces of their number in the durable work tables.
/// </summary>
internal sealed class CoreUserData(LifecycleDbContext db, ITimers timers, TimeProvider clock) : IUserDataOwner
{
    public async Task CancelPendingAsync(OffboardedUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var queued = await db.OutboundMessages.Where(message => message.UserId == user.UserId && message.Status == MessageStatus.Queued).ToListAsync(ct);
        foreach (var message in queued)
        {
            message.Cancel("not sent: the user was offboarded", now);
        }

        var requested = await db.Set<Call>().Where(call => call.UserId == user.UserId && call.Status == CallStatus.Requested).ToListAsync(ct);
        foreach (var call in requested)
        {
            call.Withdraw("not placed: the user was offboarded", now);
        }

        await timers.CancelAllAsync(FollowUps.Of(user.UserId), ct);
        await DurableWorkErasure.CancelNamingAsync(
            db, [user.UserId.Value, .. queued.Select(message => message.Id), .. requested.Select(call => call.Id)], now, ct);
    }

    public async Task EraseAsync(OffboardedUser user, CancellationToken ct)
    {
        foreach (var message in await db.OutboundMessages.Where(message => message.UserId == user.UserId).ToListAsync(ct))
        {
            message.ErasePersonalData();
        }

        foreach (var call in await db.Set<Call>().Where(call => call.UserId == user.UserId && call.Context != null).ToListAsync(ct))
        {
            call.ErasePersonalData();
        }

        foreach (var conversation in await db.Set<Conversation>()
                     .Where(conversation => conversation.UserId == user.UserId && (conversation.Context != null || conversation.Transcript != null || conversation.TranscriptUrl != null))
                     .ToListAsync(ct))
        {
            conversation.ErasePersonalData();
        }

        await db.Set<ConversationStep>().Where(step => step.UserId == user.UserId && step.Detail != null)
            .ExecuteUpdateAsync(set => set.SetProperty(step => step.Detail, (string?)null), ct);
        if (user.Phone is { } phone)
        {
            await DurableWorkErasure.EraseTracesAsync(db, phone, ct);
        }
    }
}
