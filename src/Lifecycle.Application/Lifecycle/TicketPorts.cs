using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

public interface ITicketRepository
{
    Task<Ticket?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>A page of tickets, newest first, optionally of one status (<c>open</c>/<c>closed</c>) and kind.</summary>
    Task<Paged<Ticket>> ListAsync(string? status, TicketKind? kind, PageRequest page, CancellationToken ct);

    void Add(Ticket ticket);
}
