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

    private bool sharedTransaction;

    /// <param name="rowId">The row; a scope that applies several events in turn is told each one.</param>
    /// <param name="leaseOwner">
    /// Set only when the unit of work wraps the handler's whole effect in one transaction: completing the row there
    /// then applies the event and marks it done together, so no crash can leave one without the other. Not set in a
    /// transaction the processor shares between events: it marks their rows done itself, in one statement.
    /// </param>
    /// <param name="sharedTransaction">The processor opened the transaction, for this event and others.</param>
    public void Apply(Guid rowId, string? leaseOwner, bool sharedTransaction)
    {
        RowId = rowId;
        this.leaseOwner = leaseOwner;
        this.sharedTransaction = sharedTransaction;
        CompletedWithUnitOfWork = false;
    }

    /// <summary>
    /// Whether the unit of work about to run is the event's own in a transaction the processor opened: it then saves
    /// into that transaction instead of taking it for a caller's. Answers true once per event, so that the handler's
    /// nested commands join the unit as usual.
    /// </summary>
    public bool TakeSharedTransaction()
    {
        var shared = sharedTransaction;
        sharedTransaction = false;
        return shared;
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
