using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Web.Common;
using Mediator;

namespace Lifecycle.Web.Endpoints;

/// <summary><c>GET /api/tickets</c>: support, callback and human-outreach tickets with the user, interaction and agent they name.</summary>
internal sealed class Tickets : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet(
                "/api/tickets",
                async (string? status, string? kind, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new ListTickets(status, kind, page ?? 1, pageSize ?? PageRules.DefaultPageSize), ct)))
            .WithTags("Tickets")
            .RequireAuthorization()
            .WithName("ListTickets")
            .WithSummary("A page of tickets, newest first, optionally of one status (open, closed) and kind.")
            .Produces<Paged<TicketView>>();
}
