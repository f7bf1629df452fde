using FluentValidation;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle;

/// <summary><c>GET /api/tickets?status=open|closed&amp;kind=</c>: the work left for people, newest first.</summary>
public sealed record ListTickets(string? Status, string? Kind, int Page = 1, int PageSize = PageRules.DefaultPageSize) : IQuery<Paged<TicketView>>;

/// <summary>A ticket with what it is about: the user, the interaction (call, conversation, analysed interaction) and the agent.</summary>
public sealed record TicketView(
    Guid Id,
    Guid UserId,
    string Kind,
    string Reason,
    string Status,
    string? CallSid,
    Guid? ConversationId,
    string? InteractionId,
    string? AgentId,
    DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    string? Resolution)
{
    public static TicketView From(Ticket ticket) => new(
        ticket.Id, ticket.UserId.Value, ticket.Kind.Name(), ticket.Reason, ticket.Status, ticket.CallSid, ticket.ConversationId,
        ticket.InteractionId, ticket.AgentId, ticket.DueAt, ticket.CreatedAt, ticket.ClosedAt, ticket.Resolution);
}

internal sealed class ListTicketsValidator : AbstractValidator<ListTickets>
{
    private static readonly string[] Statuses = [Ticket.OpenStatus, Ticket.ClosedStatus];

    public ListTicketsValidator()
    {
        RuleFor(query => query.Status)
            .Must(status => status is null || Statuses.Contains(status))
            .WithMessage($"status must be one of {string.Join(", ", Statuses)}.");
        RuleFor(query => query.Kind)
            .Must(kind => kind is null || TicketKindNames.Wire.TryParse(kind, out _))
            .WithMessage($"kind must be one of {string.Join(", ", TicketKindNames.Wire.All)}.");
        this.AddPageRules(query => query.Page, query => query.PageSize);
    }
}

internal sealed class ListTicketsHandler(ITicketRepository tickets) : IQueryHandler<ListTickets, Paged<TicketView>>
{
    public async ValueTask<Paged<TicketView>> Handle(ListTickets query, CancellationToken ct)
    {
        TicketKind? kind = query.Kind is null ? null : TicketKindNames.Wire.Parse(query.Kind);
        var page = await tickets.ListAsync(query.Status, kind, new PageRequest(query.Page, query.PageSize), ct);
        return new Paged<TicketView>([.. page.Items.Select(TicketView.From)], page.Page, page.PageSize, page.Total);
    }
}
