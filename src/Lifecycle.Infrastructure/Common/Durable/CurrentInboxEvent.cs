using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>The inbox row the inbox processor is applying in this scope (one event per unit of work).</summary>
internal sealed class CurrentInboxEvent(LifecycleDbContext db, TimeProvider clock) : ICurrentWebhookEvent
{
    public Guid? RowId { get; private set; }

    /// <summary>Whether the row was marked done in the transaction of the handler's unit of work.</summary>
    public bool CompletedWithUnitOfWork { get; private set; }

    /// <summary>The worker holding the row's lease; null while the row may not be completed with the unit of work.</summary>
    private string? leaseOwner;

    /// <param name="leaseOwner">
    /// Set only when the unit of work wraps the handler's whole effect in one transaction: completing the row there
    /// then applies the event and marks it done together, so no crash can leave one without the other.
    /// </param>
    public void Apply(Guid rowId, string? leaseOwner)
    {
        RowId = rowId;
        this.leaseOwner = leaseOwner;
    }

    public async Task ForgetAsync(CancellationToken ct)
    {
        if (RowId is { } id)
        {
            await db.Inbox.Where(row => row.Id == id).ExecuteUpdateAsync(set => set.SetProperty(row => row.Payload, "{}"), ct);
        }
    }

    /// <summary>
    /// Called by the unit of work inside its transaction, after the handler's changes are saved. Only a row still
    /// leased to this worker is completed; one whose lease ran out is left to whoever holds it now, whose attempt
    /// then finds this one's processed-event row and changes nothing.
    /// </summary>
    public async Task CompleteInTransactionAsync(CancellationToken ct)
    {
        if (RowId is not { } id || leaseOwner is not { } owner)
        {
            return;
        }

        var now = clock.GetUtcNow();
        CompletedWithUnitOfWork = await db.Inbox
            .Where(row => row.Id == id && row.LockedBy == owner && row.Status == WorkStatus.Pending)
            .ExecuteUpdateAsync(set => set.MarkDone(now), ct) == 1;
    }
}
