using System.Security.Cryptography;
using System.Text;
using Lifecycle.Domain.Common;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>
/// What offboarding does to the durable work tables, which name records only by id (outbox and timer payloads) but may
/// carry a phone in what Exotel sent us (inbox payloads and keys) and in what a provider answered (last errors).
/// </summary>
internal static class DurableWorkErasure
{
    /// <summary>Cancels the pending outbox rows and timers whose payload names one of <paramref name="ids"/>.</summary>
    public static async Task CancelNamingAsync(LifecycleDbContext db, IEnumerable<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var id in ids.Select(id => id.ToString("D")).Distinct())
        {
            await db.Outbox.Where(row => row.Status == WorkStatus.Pending && row.Payload.Contains(id))
                .ExecuteUpdateAsync(set => set.SetProperty(row => row.Status, WorkStatus.Cancelled).SetProperty(row => row.CompletedAt, now), ct);
            await db.Timers.Where(row => row.Status == WorkStatus.Pending && row.Payload.Contains(id))
                .ExecuteUpdateAsync(set => set.SetProperty(row => row.Status, WorkStatus.Cancelled).SetProperty(row => row.CompletedAt, now), ct);
        }
    }

    /// <summary>
    /// Removes the phone from every handled inbox event that carries it — Exotel writes a number as <c>+91…</c>,
    /// <c>91…</c>, <c>0…</c> or <c>whatsapp:+91…</c>, so the trace searched for is its last ten digits: its payload is
    /// emptied and its key replaced by a hash (the key itself may be the number). An event still waiting is applied as
    /// usual and then forgets its own payload (<see cref="CurrentInboxEvent"/>): a delivery report of the confirmation
    /// itself may be waiting. Processed-event records and last errors that name the number go too.
    /// </summary>
    public static async Task EraseTracesAsync(LifecycleDbContext db, E164Phone phone, CancellationToken ct)
    {
        var trace = Trace(phone);
        var events = await db.Inbox.AsNoTracking()
            .Where(row => row.Status != WorkStatus.Pending && (row.Payload.Contains(trace) || row.EventKey.Contains(trace)))
            .Select(row => new { row.Id, row.EventKey })
            .ToListAsync(ct);
        foreach (var row in events)
        {
            var key = $"erased:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row.EventKey)))}";
            await db.Inbox.Where(candidate => candidate.Id == row.Id).ExecuteUpdateAsync(set => set
                .SetProperty(candidate => candidate.Payload, "{}")
                .SetProperty(candidate => candidate.EventKey, key)
                .SetProperty(candidate => candidate.LastError, (string?)null), ct);
        }

        await db.ProcessedEvents.Where(row => row.EventKey.Contains(trace) || (row.Outcome != null && row.Outcome.Contains(trace))).ExecuteDeleteAsync(ct);
        await db.Outbox.Where(row => row.LastError != null && row.LastError.Contains(trace))
            .ExecuteUpdateAsync(set => set.SetProperty(row => row.LastError, (string?)null), ct);
        await db.Timers.Where(row => row.LastError != null && row.LastError.Contains(trace))
            .ExecuteUpdateAsync(set => set.SetProperty(row => row.LastError, (string?)null), ct);
    }

    /// <summary>The digits every way of writing <paramref name="phone"/> contains: its last ten (all of a shorter one).</summary>
    public static string Trace(E164Phone phone)
    {
        var digits = phone.Value.TrimStart('+');
        return digits.Length > 10 ? digits[^10..] : digits;
    }
}
