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
}
