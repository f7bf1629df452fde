using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>The inbox row the inbox processor is applying in this scope (one event per unit of work).</summary>
internal sealed class CurrentInboxEvent(LifecycleDbContext db) : ICurrentWebhookEvent
{
    public Guid? RowId { get; set; }

    public async Task ForgetAsync(CancellationToken ct)
    {
        if (RowId is { } id)
        {
            await db.Inbox.Where(row => row.Id == id).ExecuteUpdateAsync(set => set.SetProperty(row => row.Payload, "{}"), ct);
        }
    }
}
