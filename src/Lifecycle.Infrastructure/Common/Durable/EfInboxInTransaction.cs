using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Common.Durable;

internal sealed class EfInboxInTransaction(LifecycleDbContext db) : IInboxInTransaction
{
    public async Task<InboxAcceptance> AddAsync(InboxEntry entry, CancellationToken ct)
    {
        var source = entry.Source.Name;
        if (await db.Inbox.AnyAsync(row => row.Source == source && row.EventKey == entry.Identity.EventKey, ct))
        {
            return InboxAcceptance.Duplicate;
        }

        db.Inbox.Add(new InboxEventRow
        {
            Source = source,
            EventKey = entry.Identity.EventKey,
            EventType = entry.Identity.EventType,
            Payload = entry.Payload,
            CreatedAt = entry.ReceivedAt,
            NotBefore = entry.ReceivedAt,
        });
        return InboxAcceptance.Accepted;
    }
}
