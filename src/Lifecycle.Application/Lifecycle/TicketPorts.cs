using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

public interface ITicketRepository
{
    void Add(Ticket ticket);
}
