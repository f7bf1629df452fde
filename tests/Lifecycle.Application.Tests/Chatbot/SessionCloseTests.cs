using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Chatbot;

/// <summary>
/// <c>session_closed</c> keeps the transcript and the agent, then ends the chat; a resolved chat is a contact and wins an
/// AT_RISK user back (policies.md "chatbot resolved"). The churn outreach opens the chat a new bot session continues.
/// </summary>
public class SessionCloseTests
{
    private readonly ChatWorld chat = new();

    private static ApplyChatbotEvent Closed(User user, bool? resolved, string? agentId = null) =>
        new(ApplyChatbotEvent.SessionClosed, "CS_5", user.Id.Value, null, "k-close")
        {
            Resolved = resolved,
            AgentId = agentId,
            Transcript = """[{"from":"user","text":"hi"},{"from":"bot","text":"hello"}]""",
            TranscriptUrl = "https://chat.test/CS_5",
        };

    [Fact]
    public async Task A_resolved_close_of_an_at_risk_user_keeps_the_transcript_records_a_contact_and_engages_them()
    {
        var user = chat.Messaging.NewUser(LifecycleStage.AtRisk);
        user.DequeueDomainEvents();
        chat.Messaging.Clock.Advance(TimeSpan.FromMinutes(9));

        await chat.ApplyAsync(Closed(user, resolved: true));

        var conversation = Assert.Single(chat.Messaging.Conversations.All);
        Assert.Equal(("resolved", TestUsers.T0.AddMinutes(9)), (conversation.Outcome, conversation.EndedAt));
        Assert.Equal(("""[{"from":"user","text":"hi"},{"from":"bot","text":"hello"}]""", "https://chat.test/CS_5"), (conversation.Transcript, conversation.TranscriptUrl));
        Assert.Equal((Channel.WhatsApp, TestUsers.T0.AddMinutes(9)), (user.LastContactChannel, user.LastContactAt));
        Assert.Equal(LifecycleStage.Engaged, user.Stage);
        Assert.Equal(("chatbot:resolved", "CS_5"), (user.Transitions.Last().Trigger, user.Transitions.Last().CorrelationId));
    }

    [Fact]
    public async Task The_agent_and_transcript_are_on_the_conversation_when_its_end_is_announced()
    {
        var user = chat.Messaging.NewUser();

        await chat.ApplyAsync(Closed(user, resolved: false, agentId: "agent-42"));

        var conversation = Assert.Single(chat.Messaging.Conversations.All);
        var ended = Assert.Single(conversation.DequeueDomainEvents().OfType<ConversationEnded>());
        Assert.Equal(("agent-42", "escalated"), (ended.AgentId, ended.Outcome));
        Assert.Equal(["started", "session_closed", "agent_assigned", "ended"], conversation.Steps.Select(step => step.Step));
    }

    [Fact]
    public async Task An_unresolved_close_of_a_chat_nobody_took_is_unresolved_and_no_contact()
    {
        var user = chat.Messaging.NewUser(LifecycleStage.AtRisk);

        await chat.ApplyAsync(Closed(user, resolved: null));

        Assert.Equal("unresolved", Assert.Single(chat.Messaging.Conversations.All).Outcome);
        Assert.Null(user.LastContactAt);
        Assert.Equal(LifecycleStage.AtRisk, user.Stage);
    }

    [Fact]
    public async Task An_unresolved_close_after_a_handoff_to_voice_is_escalated_and_stops_the_sla_clock()
    {
        var user = chat.Messaging.NewUser();
        await chat.ApplyAsync(new ApplyChatbotEvent(ApplyChatbotEvent.CallConsent, "CS_5", user.Id.Value, "upgrade", "k1"));

        await chat.ApplyAsync(Closed(user, resolved: false));

        var conversation = Assert.Single(chat.Messaging.Conversations.All, c => c.SessionId == "CS_5");
        Assert.Equal("escalated", conversation.Outcome);
        Assert.Contains(LiveChat.ClockKey(conversation.Id), chat.Messaging.Timers.Cancelled);
    }

    [Fact]
    public async Task A_resolved_close_of_an_engaged_user_is_a_contact_and_moves_no_stage()
    {
        var user = chat.Messaging.NewUser(LifecycleStage.Engaged);

        await chat.ApplyAsync(Closed(user, resolved: true) with { Channel = Channel.Chatbot });

        Assert.Equal((LifecycleStage.Engaged, Channel.Chatbot), (user.Stage, user.LastContactChannel));
        Assert.Equal(Channel.Chatbot, Assert.Single(chat.Messaging.Conversations.All).Channel);
    }

    [Fact]
    public async Task The_churn_outreach_opens_the_chat_that_a_new_bot_session_continues()
    {
        var world = chat.Messaging;
        var user = world.NewUser(LifecycleStage.Engaged);
        world.Catalog[ReachOutWhenAtRisk.Notification] = new NotificationDefinition
        {
            WhatsApp = new WhatsAppTemplate { Template = "chat_with_us", Parameters = ["name"], Buttons = new Dictionary<string, string> { ["chat_with_us"] = "Chat with us" } },
        };
        var outreach = new ReachOutWhenAtRisk(world.Users, world.Conversations, world.Ladder, world.Timers, Options.Create(new ChurnOptions()));
        await outreach.HandleAsync(new UserStageChanged(user.Id, LifecycleStage.Engaged, LifecycleStage.AtRisk, TestUsers.T0), CancellationToken.None);
        await outreach.HandleAsync(new UserStageChanged(user.Id, LifecycleStage.Engaged, LifecycleStage.AtRisk, TestUsers.T0), CancellationToken.None);

        await chat.ApplyAsync(new ApplyChatbotEvent(ApplyChatbotEvent.CallConsent, "CS_churn", user.Id.Value, "wants a discount", "k"));

        var churnChat = Assert.Single(world.Conversations.All, c => c.Channel == Channel.WhatsApp);
        Assert.Equal((ReachOutWhenAtRisk.ChatFlow, "CS_churn"), (churnChat.Flow, churnChat.SessionId));
        Assert.Equal(churnChat.Id, Assert.Single(world.Conversations.All, c => c.Channel == Channel.Voicebot).ParentId);
    }
}
