using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Tests;

public class TicketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly UserId User = new(Guid.Parse("0195a1b2-0000-7000-8000-0000000000bb"));

    [Fact]
    public void A_ticket_opens_with_what_it_links()
    {
        var conversation = Guid.NewGuid();

        var ticket = Ticket.Open(User, TicketKind.Callback, "cqa:first_call_unresolved", "CA1", conversation, T0, "agent-42", "call-CA1", T0.AddHours(2));

        Assert.Equal((User, TicketKind.Callback, "cqa:first_call_unresolved", "open", true), (ticket.UserId, ticket.Kind, ticket.Reason, ticket.Status, ticket.IsOpen));
        Assert.Equal(("CA1", (Guid?)conversation, "agent-42", "call-CA1", (DateTimeOffset?)T0.AddHours(2), T0),
            (ticket.CallSid, ticket.ConversationId, ticket.AgentId, ticket.InteractionId, ticket.DueAt, ticket.CreatedAt));
        Assert.Equal(((DateTimeOffset?)null, (string?)null), (ticket.ClosedAt, ticket.Resolution));
        Assert.Throws<ArgumentException>(() => Ticket.Open(User, TicketKind.Support, " ", null, null, T0));
    }

    [Fact]
    public void A_ticket_closes_once_and_keeps_the_first_resolution()
    {
        var ticket = Ticket.Open(User, TicketKind.Support, "chat handed to a support call", null, null, T0);

        Assert.True(ticket.Close("cqa:auto_close", T0.AddHours(1)));
        Assert.False(ticket.Close("agent", T0.AddHours(2)));

        Assert.Equal(("closed", false, "cqa:auto_close", (DateTimeOffset?)T0.AddHours(1)), (ticket.Status, ticket.IsOpen, ticket.Resolution, ticket.ClosedAt));
        Assert.Throws<ArgumentException>(() => Ticket.Open(User, TicketKind.Support, "x", null, null, T0).Close("", T0));
    }

    [Theory]
    [InlineData(TicketKind.HumanOutreach, "human_outreach")]
    [InlineData(TicketKind.Support, "support")]
    [InlineData(TicketKind.Callback, "callback")]
    public void Kinds_have_their_wire_names(TicketKind kind, string name) => Assert.Equal(name, kind.Name());
}
