using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Tests.Voice;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Users;

/// <summary>api.md <c>GET /api/tickets</c>: a page filtered by status and kind, each ticket with what it links.</summary>
public class ListTicketsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly UserId User = new(Guid.Parse("0195a1b2-0000-7000-8000-0000000000aa"));

    [Theory]
    [InlineData("open", "support", 1, 50, null)]
    [InlineData("closed", "callback", 1, 200, null)]
    [InlineData(null, "human_outreach", 2, 1, null)]
    [InlineData(null, null, 1, 50, null)]
    [InlineData("pending", null, 1, 50, "Status")]
    [InlineData("OPEN", null, 1, 50, "Status")]
    [InlineData(null, "complaint", 1, 50, "Kind")]
    [InlineData(null, null, 0, 50, "page")]
    [InlineData(null, null, 1, 201, "pageSize")]
    public void Status_kind_and_paging_are_checked_and_named(string? status, string? kind, int page, int pageSize, string? field)
    {
        var result = new ListTicketsValidator().Validate(new ListTickets(status, kind, page, pageSize));

        Assert.Equal(field is null ? [] : [field], result.Errors.Select(error => error.PropertyName));
    }

    [Fact]
    public void The_messages_list_what_is_allowed()
    {
        var errors = new ListTicketsValidator().Validate(new ListTickets("pending", "complaint")).Errors.Select(error => error.ErrorMessage);

        Assert.Equal(["status must be one of open, closed.", "kind must be one of human_outreach, support, callback."], errors);
    }

    [Fact]
    public async Task The_page_holds_the_tickets_of_the_kind_newest_first_with_their_links()
    {
        var tickets = new FakeTicketRepository();
        var support = Ticket.Open(User, TicketKind.Support, "chat handed to voice", "CA1", Guid.NewGuid(), T0, agentId: "agent-42", interactionId: "call-CA1");
        var callback = Ticket.Open(User, TicketKind.Callback, "cqa:first_call_unresolved", "CA2", null, T0.AddMinutes(1), "agent-7", "call-CA2", T0.AddHours(2));
        var older = Ticket.Open(User, TicketKind.Support, "older", null, null, T0.AddMinutes(-5));
        tickets.Add(support);
        tickets.Add(callback);
        tickets.Add(older);

        var page = await new ListTicketsHandler(tickets).Handle(new ListTickets(null, "support", 1, 1), CancellationToken.None);
        var all = await new ListTicketsHandler(tickets).Handle(new ListTickets("open", null), CancellationToken.None);

        Assert.Equal((1, 1, 2), (page.Page, page.PageSize, page.Total));
        var item = Assert.Single(page.Items);
        Assert.Equal((support.Id, User.Value, "support", "open", "CA1", support.ConversationId, "call-CA1", "agent-42"),
            (item.Id, item.UserId, item.Kind, item.Status, item.CallSid, item.ConversationId, item.InteractionId, item.AgentId));
        Assert.Equal([callback.Id, support.Id, older.Id], all.Items.Select(view => view.Id));
        Assert.Equal((T0.AddHours(2), (DateTimeOffset?)null, (string?)null), (all.Items[0].DueAt, all.Items[0].ClosedAt, all.Items[0].Resolution));
    }
}
