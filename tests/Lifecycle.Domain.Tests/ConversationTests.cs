using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Tests;

public class ConversationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId User = new(Guid.Parse("0195a1b2-0000-7000-8000-000000000001"));

    [Fact]
    public void A_started_conversation_is_open_and_its_first_step_is_started_with_the_flow()
    {
        var conversation = Conversation.Start(User, Channel.Chatbot, "onboarding", "chat-1", T0);

        Assert.True(conversation.IsOpen);
        Assert.Equal((User, Channel.Chatbot, "onboarding", "chat-1", T0),
            (conversation.UserId, conversation.Channel, conversation.Flow, conversation.SessionId, conversation.StartedAt));
        Assert.Null(conversation.EndedAt);
        Assert.Null(conversation.Outcome);
        var step = Assert.Single(conversation.Steps);
        Assert.Equal((conversation.Id, User, 1, "started", "onboarding", T0),
            (step.ConversationId, step.UserId, step.Sequence, step.Step, step.Detail, step.At));
        Assert.Equal(1, conversation.StepCount);
    }

    [Fact]
    public void The_provider_session_is_attached_once_and_never_replaced()
    {
        var conversation = Conversation.Start(User, Channel.Voicebot, "activation", null, T0);

        conversation.AttachSession("CA1");
        conversation.AttachSession("CA2");

        Assert.Equal("CA1", conversation.SessionId);
    }

    [Fact]
    public void A_conversation_started_with_its_session_keeps_it()
    {
        var conversation = Conversation.Start(User, Channel.Chatbot, "support", "chat-1", T0);

        conversation.AttachSession("chat-2");

        Assert.Equal("chat-1", conversation.SessionId);
    }

    [Fact]
    public void Steps_are_numbered_in_the_order_they_happen()
    {
        var conversation = Conversation.Start(User, Channel.Chatbot, "onboarding", "chat-1", T0);

        conversation.Record("stalled", null, T0.AddMinutes(10));
        conversation.Record("agent_offered", "whatsapp", T0.AddMinutes(11));

        Assert.Equal([1, 2, 3], conversation.Steps.Select(step => step.Sequence));
        Assert.Equal(["started", "stalled", "agent_offered"], conversation.Steps.Select(step => step.Step));
        Assert.Equal(3, conversation.StepCount);
        var last = conversation.Steps.Last();
        Assert.Equal(("whatsapp", T0.AddMinutes(11)), (last.Detail, last.At));
    }

    [Fact]
    public void Handing_to_a_queue_records_the_queue_as_a_transfer_and_keeps_the_conversation_open()
    {
        var conversation = Conversation.Start(User, Channel.Voicebot, "churn", "CA1", T0);

        conversation.HandTo("retention-agents", T0.AddMinutes(3));

        Assert.Equal(("retention-agents", "transferred"), (conversation.Queue, conversation.Outcome));
        Assert.True(conversation.IsOpen);
        var step = conversation.Steps.Last();
        Assert.Equal((2, "handed_to_queue", "retention-agents", T0.AddMinutes(3)), (step.Sequence, step.Step, step.Detail, step.At));
    }

    [Fact]
    public void Ending_a_conversation_records_its_outcome_and_closes_it()
    {
        var conversation = Conversation.Start(User, Channel.Chatbot, "onboarding", "chat-1", T0);

        conversation.End("resolved", T0.AddMinutes(5));

        Assert.False(conversation.IsOpen);
        Assert.Equal(("resolved", T0.AddMinutes(5)), (conversation.Outcome, conversation.EndedAt));
        var step = conversation.Steps.Last();
        Assert.Equal((2, "ended", "resolved", T0.AddMinutes(5)), (step.Sequence, step.Step, step.Detail, step.At));
    }

    [Fact]
    public void A_second_end_reported_for_a_closed_conversation_changes_nothing()
    {
        var conversation = Conversation.Start(User, Channel.Voicebot, "activation", "CA1", T0);
        conversation.End("unanswered", T0.AddMinutes(1));

        conversation.End("resolved", T0.AddMinutes(2));

        Assert.Equal(("unanswered", T0.AddMinutes(1)), (conversation.Outcome, conversation.EndedAt));
        Assert.Equal(2, conversation.Steps.Count);
    }

    [Fact]
    public void A_long_detail_such_as_a_bots_whole_summary_is_cut_to_the_steps_length()
    {
        var conversation = Conversation.Start(UserId.New(), Channel.WhatsApp, "support", "CS_1", T0);

        conversation.Record("handoff", new string('x', 1000), T0);

        Assert.Equal(ConversationStep.MaxDetailLength, conversation.Steps.Last().Detail!.Length);
    }

    [Fact]
    public void The_bots_context_is_recorded_and_a_later_handoff_replaces_it()
    {
        var conversation = Conversation.Start(User, Channel.WhatsApp, "support", "CS_1", T0);
        var first = new ChatContext("Cannot upgrade", "billing_dispute", ["checked_invoice"], 2);
        var later = new ChatContext("Still cannot upgrade", "billing_dispute", ["checked_invoice", "retried"], 3);

        conversation.RecordContext(first, T0.AddMinutes(1));
        conversation.RecordContext(later, T0.AddMinutes(2));

        Assert.Same(later, conversation.Context);
        Assert.Equal(("context", "billing_dispute", T0.AddMinutes(2)), (conversation.Steps.Last().Step, conversation.Steps.Last().Detail, conversation.Steps.Last().At));
        Assert.Throws<ArgumentNullException>(() => conversation.RecordContext(null!, T0));
    }

    [Fact]
    public void The_first_agent_named_is_kept_and_recorded_once()
    {
        var conversation = Conversation.Start(User, Channel.WhatsApp, "support", "CS_1", T0);

        conversation.AssignAgent("agent-42", T0.AddMinutes(1));
        conversation.AssignAgent("agent-7", T0.AddMinutes(2));

        Assert.Equal("agent-42", conversation.AgentId);
        Assert.Equal(["started", "agent_assigned"], conversation.Steps.Select(step => step.Step));
        Assert.Equal("agent-42", conversation.Steps.Last().Detail);
        Assert.Throws<ArgumentException>(() => conversation.AssignAgent(" ", T0));
    }

    [Fact]
    public void A_transcript_or_its_link_is_kept_and_a_blank_one_changes_nothing()
    {
        var conversation = Conversation.Start(User, Channel.WhatsApp, "support", "CS_1", T0);

        conversation.RecordTranscript("""[{"from":"user","text":"hi"}]""", null);
        conversation.RecordTranscript(" ", "https://chat.test/CS_1");
        conversation.RecordTranscript(null, "");

        Assert.Equal(("""[{"from":"user","text":"hi"}]""", "https://chat.test/CS_1"), (conversation.Transcript, conversation.TranscriptUrl));
    }

    [Fact]
    public void The_first_ticket_is_kept()
    {
        var conversation = Conversation.Start(User, Channel.WhatsApp, "support", "CS_1", T0);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        conversation.LinkTicket(first);
        conversation.LinkTicket(second);

        Assert.Equal(first, conversation.TicketId);
    }

    [Fact]
    public void A_score_is_kept_and_shown_as_a_step()
    {
        var conversation = Conversation.Start(User, Channel.Voice, "support", "CA1", T0);

        conversation.RecordScore(72.456, T0.AddMinutes(5));
        conversation.RecordScore(60, T0.AddMinutes(6));

        Assert.Equal(60, conversation.CqaScore);
        Assert.Equal([("cqa_scored", "72.46"), ("cqa_scored", "60")], conversation.Steps.Skip(1).Select(step => (step.Step, step.Detail)));
    }

    [Fact]
    public void The_end_announces_the_conversation_once_with_its_agent_and_times()
    {
        var conversation = Conversation.Start(User, Channel.WhatsApp, "support", "CS_1", T0);
        conversation.AssignAgent("agent-42", T0.AddMinutes(1));

        conversation.End("resolved", T0.AddMinutes(9));
        conversation.End("unresolved", T0.AddMinutes(10));

        var ended = Assert.IsType<ConversationEnded>(Assert.Single(conversation.DequeueDomainEvents()));
        Assert.Equal(new ConversationEnded(conversation.Id, User, Channel.WhatsApp, "support", "CS_1", "agent-42", T0, T0.AddMinutes(9), "resolved"), ended);
    }

    [Fact]
    public void Erasure_removes_what_was_said_and_keeps_the_rest()
    {
        var conversation = Conversation.Start(User, Channel.WhatsApp, "support", "CS_1", T0);
        conversation.RecordContext(new ChatContext("Priya cannot pay", null, [], null), T0);
        conversation.RecordTranscript("""["hi"]""", "https://chat.test/CS_1");
        conversation.AssignAgent("agent-42", T0);

        conversation.ErasePersonalData();

        Assert.Equal(((ChatContext?)null, (string?)null, (string?)null, "agent-42"), (conversation.Context, conversation.Transcript, conversation.TranscriptUrl, conversation.AgentId));
    }
}
