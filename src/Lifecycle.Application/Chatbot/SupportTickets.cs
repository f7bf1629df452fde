using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Chatbot;

/// <summary>The support ticket of a chat: the open one already linked to it, else a new one linked to it.</summary>
internal sealed class SupportTickets(ITicketRepository tickets, TimeProvider clock)
{
    public async Task<Ticket> OpenAsync(Conversation chat, string reason, CancellationToken ct)
    {
        if (chat.TicketId is { } linked && await tickets.FindAsync(linked, ct) is { IsOpen: true } open)
        {
            return open;
        }

        var ticket = Ticket.Open(chat.UserId, TicketKind.Support, reason, callSid: null, chat.Id, clock.GetUtcNow());
        tickets.Add(ticket);
        chat.LinkTicket(ticket.Id);
        return ticket;
    }
}
