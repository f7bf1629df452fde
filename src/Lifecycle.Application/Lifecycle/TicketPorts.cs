using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

public interface ITicketRepository
{
    Task<Ticket?> FindAsync(Guid id, CancellationToken ct);

    void Add(Ticket ticket);
}
