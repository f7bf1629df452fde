using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Lifecycle;

internal sealed class UserRepository(LifecycleDbContext db) : IUserRepository
{
    /// <summary>The tracked user when this unit of work already loaded it (no query), else from the store.</summary>
    public async Task<User?> FindAsync(UserId id, CancellationToken ct) => await db.Users.FindAsync([id], ct);

    public Task<User?> FindByPhoneAsync(E164Phone phone, CancellationToken ct) => db.Users.FirstOrDefaultAsync(user => user.Phone == phone, ct);

    public async Task<IReadOnlyList<User>> FindManyAsync(IReadOnlyCollection<UserId> ids, CancellationToken ct) =>
        await db.Users.Where(user => ids.Contains(user.Id)).ToListAsync(ct);

    public async Task<Paged<User>> ListAsync(LifecycleStage? stage, PageRequest page, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (stage is { } wanted)
        {
            query = query.Where(user => user.Stage == wanted);
        }

        return await query.OrderBy(user => user.Id).PageAsync(page, ct);
    }

    public void Add(User user) => db.Users.Add(user);
}

internal sealed class OutboundMessageRepository(LifecycleDbContext db) : IOutboundMessageRepository
{
    public Task<OutboundMessage?> FindAsync(Guid id, CancellationToken ct) =>
        db.OutboundMessages.FirstOrDefaultAsync(message => message.Id == id, ct);

    public async Task<IReadOnlyList<OutboundMessage>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        await db.OutboundMessages.Where(message => ids.Contains(message.Id)).ToListAsync(ct);

    public Task<OutboundMessage?> FindByProviderIdAsync(Channel channel, string providerId, CancellationToken ct) =>
        db.OutboundMessages.FirstOrDefaultAsync(message => message.Channel == channel && message.ProviderId == providerId, ct);

    public async Task<IReadOnlyCollection<Channel>> ChannelsOfDeliveryAsync(Guid deliveryId, CancellationToken ct)
    {
        var stored = await db.OutboundMessages.Where(message => message.DeliveryId == deliveryId).Select(message => message.Channel).ToListAsync(ct);
        var pending = db.OutboundMessages.Local.Where(message => message.DeliveryId == deliveryId).Select(message => message.Channel);
        return [.. stored.Concat(pending).Distinct()];
    }

    public void Add(OutboundMessage message) => db.OutboundMessages.Add(message);
}

internal sealed class TimelineReader(LifecycleDbContext db, IEnumerable<ITimelineSource> sources) : ITimelineReader
{
    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(UserId userId, CancellationToken ct)
    {
        var transitions = await db.StageTransitions.AsNoTracking()
            .Where(transition => transition.UserId == userId)
            .OrderBy(transition => transition.Sequence)
            .ToListAsync(ct);
        var messages = await db.OutboundMessages.AsNoTracking()
            .Where(message => message.UserId == userId)
            .ToListAsync(ct);
        var steps = await db.Set<ConversationStep>().AsNoTracking()
            .Where(step => step.UserId == userId)
            .Join(db.Set<Conversation>(), step => step.ConversationId, conversation => conversation.Id, (step, conversation) => new { step, conversation.Flow, conversation.SessionId })
            .ToListAsync(ct);
        var calls = await db.Set<Call>().AsNoTracking().Where(call => call.UserId == userId).ToListAsync(ct);
        var tickets = await db.Set<Ticket>().AsNoTracking().Where(ticket => ticket.UserId == userId).ToListAsync(ct);
        var contributed = new List<TimelineEntry>();
        foreach (var source in sources)
        {
            contributed.AddRange(await source.ReadAsync(userId, ct));
        }

        return
        [
            .. transitions
                .Select(TimelineEntry (t) => new TransitionEntry(t.At, t.From?.Name(), t.To.Name(), t.Trigger, t.CorrelationId))
                .Concat(messages.Select(m => new MessageEntry(m.CreatedAt, m.Channel.Name(), m.Notification, m.Status.Name(), m.ProviderId)))
                .Concat(steps.OrderBy(s => s.step.ConversationId).ThenBy(s => s.step.Sequence)
                    .Select(s => new ChatEntry(s.step.At, s.step.ConversationId, s.Flow, s.SessionId, s.step.Step, s.step.Detail)))
                .Concat(calls.Select(c => new CallEntry(c.EndedAt ?? c.PlacedAt ?? c.RequestedAt, c.CallSid, c.Purpose.Name(), c.Status.Name(), c.DurationSeconds)))
                .Concat(tickets.Select(t => new TicketEntry(t.CreatedAt, t.Id, t.Reason, t.Status, t.CallSid)))
                .Concat(contributed)
                .OrderBy(entry => entry.At)
        ];
    }
}
