using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Tests;

public class CallTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId User = new(Guid.Parse("0195a1b2-0000-7000-8000-000000000001"));
    private static readonly Guid ConversationId = Guid.Parse("0195a1b2-0000-7000-8000-0000000000c1");

    [Fact]
    public void A_requested_call_waits_to_be_placed_with_its_short_correlation_and_conversation()
    {
        var call = Request();

        Assert.Equal((CallStatus.Requested, ConversationId, 1, Call.CustomFieldOf(User, call.Id), T0),
            (call.Status, call.ConversationId, call.Attempt, call.CustomField, call.RequestedAt));
        Assert.Equal(call.Id, Call.CallIdOf(call.CustomField));
        Assert.False(call.IsOver);
        Assert.True(call.CustomField.Length <= 128);
    }

    [Fact]
    public void A_call_is_marked_once_then_named_by_its_sid()
    {
        var call = Request();

        Assert.True(call.StartPlacing(T0));
        Assert.False(call.StartPlacing(T0));
        call.RecordPlaced("CA1", T0.AddSeconds(1));

        Assert.Equal((CallStatus.Placed, "CA1", T0, T0.AddSeconds(1)), (call.Status, call.CallSid, call.PlacingAt, call.PlacedAt));
        Assert.False(call.StartPlacing(T0));
    }

    [Fact]
    public void Only_a_call_being_placed_can_be_named_refused_or_released()
    {
        Assert.Throws<InvalidOperationException>(() => Request().RecordPlaced("CA1", T0));
        Assert.Throws<InvalidOperationException>(() => Request().RecordRefused("no", T0));
        Assert.Throws<InvalidOperationException>(() => Request().ReleasePlacing());
        Assert.Throws<ArgumentException>(() => Placing().RecordPlaced(" ", T0));
    }

    [Fact]
    public void A_released_call_may_be_placed_again()
    {
        var call = Placing();

        call.ReleasePlacing();

        Assert.Equal((CallStatus.Requested, (DateTimeOffset?)null), (call.Status, call.PlacingAt));
        Assert.True(call.StartPlacing(T0));
    }

    [Fact]
    public void A_refused_call_is_over_with_its_reason()
    {
        var call = Placing();

        call.RecordRefused("400: bad number", T0.AddSeconds(2));

        Assert.Equal((CallStatus.Refused, "400: bad number", T0.AddSeconds(2), true), (call.Status, call.Failure, call.EndedAt, call.IsOver));
    }

    [Fact]
    public void An_unknown_outcome_is_kept_over_and_a_later_status_still_ends_the_call_with_its_sid()
    {
        var call = Placing();

        call.RecordOutcomeUnknown("timed out");
        Assert.Equal((CallStatus.Unknown, "timed out", true), (call.Status, call.Failure, call.IsOver));
        Assert.True(call.End("CA9", CallStatus.NoAnswer, null, null, T0));

        Assert.Equal((CallStatus.NoAnswer, "CA9", true), (call.Status, call.CallSid, call.WentUnanswered));
    }

    [Fact]
    public void An_outcome_unknown_changes_nothing_once_the_call_was_placed()
    {
        var call = Placed();

        call.RecordOutcomeUnknown("late");

        Assert.Equal((CallStatus.Placed, (string?)null), (call.Status, call.Failure));
    }

    [Fact]
    public void The_first_terminal_status_counts_and_a_completed_recorded_call_raises_call_recorded()
    {
        var call = Placed();

        Assert.True(call.End("CA1", CallStatus.Completed, 95, "https://r/1.mp3", T0.AddMinutes(2)));
        Assert.False(call.End("CA1", CallStatus.Failed, 1, null, T0.AddMinutes(3)));

        Assert.Equal((CallStatus.Completed, 95, "https://r/1.mp3", T0.AddMinutes(2)), (call.Status, call.DurationSeconds, call.RecordingUrl, call.EndedAt));
        var recorded = Assert.IsType<CallRecorded>(Assert.Single(call.DequeueDomainEvents()));
        Assert.Equal(new CallRecorded(call.Id, User, "CA1", ConversationId, CallPurpose.Support, "https://r/1.mp3", 95, T0.AddMinutes(2)), recorded);
    }

    [Theory]
    [InlineData(CallStatus.Completed, null)]
    [InlineData(CallStatus.NoAnswer, "https://r/1.mp3")]
    [InlineData(CallStatus.Completed, " ")]
    public void A_call_without_a_recording_or_not_completed_raises_nothing(CallStatus status, string? recording)
    {
        var call = Placed();

        call.End("CA1", status, 10, recording, T0);

        Assert.Empty(call.DequeueDomainEvents());
    }

    [Theory]
    [InlineData(CallStatus.Placed)]
    [InlineData(CallStatus.Refused)]
    [InlineData(CallStatus.Unknown)]
    [InlineData(CallStatus.Requested)]
    public void A_call_ends_only_with_an_end_status(CallStatus status) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Placed().End("CA1", status, null, null, T0));

    [Fact]
    public void A_status_of_another_call_cannot_end_this_one()
    {
        var mismatch = Assert.Throws<CallSidMismatch>(() => Placed().End("CA2", CallStatus.Completed, 1, null, T0));

        Assert.Contains("CA2", mismatch.Message);
    }

    [Fact]
    public void A_call_not_yet_placed_is_not_ended_by_a_status()
    {
        var call = Request();

        Assert.False(call.End("CA1", CallStatus.Completed, 1, null, T0));
        Assert.Equal(CallStatus.Requested, call.Status);
    }

    [Fact]
    public void A_negative_duration_is_not_kept()
    {
        var call = Placed();

        call.End("CA1", CallStatus.Completed, -1, null, T0);

        Assert.Null(call.DurationSeconds);
    }

    [Theory]
    [InlineData(CallStatus.Completed, 31, true)]
    [InlineData(CallStatus.Completed, 30, false)]
    [InlineData(CallStatus.Busy, 100, false)]
    public void An_engaged_call_completed_and_lasted_longer_than_the_minimum(CallStatus status, int seconds, bool engaged)
    {
        var call = Placed();

        call.End("CA1", status, seconds, null, T0);

        Assert.Equal(engaged, call.WasEngaged(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_completed_call_without_a_duration_is_not_engaged()
    {
        var call = Placed();

        call.End("CA1", CallStatus.Completed, null, null, T0);

        Assert.False(call.WasEngaged(TimeSpan.Zero));
    }

    [Theory]
    [InlineData(CallStatus.NoAnswer, true)]
    [InlineData(CallStatus.Busy, true)]
    [InlineData(CallStatus.Failed, false)]
    [InlineData(CallStatus.Completed, false)]
    public void Only_no_answer_and_busy_count_as_unanswered(CallStatus status, bool unanswered)
    {
        var call = Placed();

        call.End("CA1", status, null, null, T0);

        Assert.Equal(unanswered, call.WentUnanswered);
    }

    [Fact]
    public void The_first_bot_session_report_counts()
    {
        var call = Placed();

        call.RecordBotSession("BS1", "resolved");
        call.RecordBotSession("BS2", "declined");

        Assert.Equal(("BS1", "resolved"), (call.BotSessionId, call.BotOutcome));
    }

    [Fact]
    public void An_agent_call_needs_its_agent_and_an_attempt_counts_from_one()
    {
        Assert.Throws<ArgumentException>(() => Call.Request(User, CallPurpose.Agent, 1, T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Call.Request(User, CallPurpose.Support, 0, T0));
    }

    [Theory]
    [InlineData(CallStatus.Completed, true, true)]
    [InlineData(CallStatus.Canceled, true, true)]
    [InlineData(CallStatus.Refused, false, true)]
    [InlineData(CallStatus.Unknown, false, true)]
    [InlineData(CallStatus.Placing, false, false)]
    public void Statuses_tell_an_end_from_a_final_state(CallStatus status, bool end, bool final)
    {
        Assert.Equal((end, final), (status.IsEnd(), status.IsFinal()));
        Assert.Equal(status, CallStatusNames.Wire.Parse(status.Name()));
    }

    [Fact]
    public void A_ticket_opens_with_its_reason_and_link()
    {
        var ticket = Ticket.Open(User, TicketKind.HumanOutreach, "3 unanswered support voicebot calls", "CA1", ConversationId, T0);

        Assert.Equal((User, TicketKind.HumanOutreach, "open", "CA1", ConversationId, T0, "human_outreach"),
            (ticket.UserId, ticket.Kind, ticket.Status, ticket.CallSid, ticket.ConversationId, ticket.CreatedAt, ticket.Kind.Name()));
        Assert.Throws<ArgumentException>(() => Ticket.Open(User, TicketKind.HumanOutreach, " ", null, null, T0));
    }

    [Fact]
    public void A_conversation_may_continue_another()
    {
        var parent = Guid.NewGuid();

        Assert.Equal(parent, Conversation.Start(User, Channel.Voicebot, "support", null, T0, parent).ParentId);
    }

    [Fact]
    public void A_requested_call_is_withdrawn_and_never_placed()
    {
        var call = Request();

        Assert.True(call.Withdraw("offboarded", T0.AddMinutes(1)));

        Assert.Equal(CallStatus.Canceled, call.Status);
        Assert.Equal("offboarded", call.Failure);
        Assert.Equal(T0.AddMinutes(1), call.EndedAt);
        Assert.True(call.IsOver);
        Assert.False(call.StartPlacing(T0.AddMinutes(2)));
    }

    [Fact]
    public void A_call_being_placed_or_placed_is_not_withdrawn()
    {
        var placing = Placing();
        var placed = Placed();

        Assert.False(placing.Withdraw("offboarded", T0));
        Assert.False(placed.Withdraw("offboarded", T0));
        Assert.Equal(CallStatus.Placing, placing.Status);
        Assert.Equal(CallStatus.Placed, placed.Status);
        Assert.Null(placed.Failure);
    }

    [Fact]
    public void Erasing_a_call_drops_its_context_and_keeps_its_history()
    {
        var call = Call.Request(User, CallPurpose.Support, 1, T0, context: """{"summary":"Priya cannot log in"}""", conversationId: ConversationId);

        call.ErasePersonalData();

        Assert.Null(call.Context);
        Assert.Equal(CallPurpose.Support, call.Purpose);
        Assert.Equal(CallStatus.Requested, call.Status);
    }

    private static Call Request() => Call.Request(User, CallPurpose.Support, 1, T0, conversationId: ConversationId);

    private static Call Placing()
    {
        var call = Request();
        call.StartPlacing(T0);
        return call;
    }

    private static Call Placed()
    {
        var call = Placing();
        call.RecordPlaced("CA1", T0);
        return call;
    }
}
