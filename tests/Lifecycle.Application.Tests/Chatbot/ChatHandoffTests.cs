using System.Text.Json;
using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Chatbot;

/// <summary>
/// Guide §3.8, §6: a chat the bot cannot resolve continues on one support voicebot call that carries the chat's session,
/// its support ticket and the chat as its parent — or, handed to live chat, waits for an agent within the SLA.
/// </summary>
public class ChatHandoffTests
{
    private readonly ChatWorld chat = new();

    private User NewUser(LifecycleStage stage = LifecycleStage.Engaged) => chat.Messaging.NewUser(stage);

    private static ApplyChatbotEvent Consent(User user, string key = "CS_7|call_consent|1", string @event = ApplyChatbotEvent.CallConsent) =>
        new(@event, "CS_7", user.Id.Value, "Cannot upgrade plan", key)
        {
            BotIntent = "billing_dispute",
            PriorSteps = ["confirmed_account", "checked_invoice"],
            ResolutionAttempts = 2,
        };

    [Theory]
    [InlineData(ApplyChatbotEvent.CallConsent)]
    [InlineData(ApplyChatbotEvent.Handoff)]
    public async Task Consent_or_a_handoff_records_the_context_opens_a_support_ticket_and_places_one_support_call(string @event)
    {
        var user = NewUser();

        await chat.ApplyAsync(Consent(user, @event: @event));

        var conversation = Assert.Single(chat.Messaging.Conversations.All, c => c.Channel == Channel.WhatsApp);
        Assert.Equal(("Cannot upgrade plan", "billing_dispute", 2), (conversation.Context!.IssueSummary, conversation.Context.BotIntent, conversation.Context.ResolutionAttempts));
        Assert.Equal(["confirmed_account", "checked_invoice"], conversation.Context.PriorSteps);
        var ticket = Assert.Single(chat.Tickets.All);
        Assert.Equal((TicketKind.Support, conversation.Id, user.Id), (ticket.Kind, ticket.ConversationId, ticket.UserId));
        Assert.Equal(ticket.Id, conversation.TicketId);
        var call = Assert.Single(chat.Calls.All);
        Assert.Equal((CallPurpose.Support, "CS_7", ticket.Id.ToString()), (call.Purpose, call.ChatSessionId, call.TicketId));
        Assert.Equal(call.Id, Assert.Single(chat.Messaging.Outbox.Of<PlaceCall>()).CallId);
        var voicebotLeg = Assert.Single(chat.Messaging.Conversations.All, c => c.Id == call.ConversationId);
        Assert.Equal((Channel.Voicebot, conversation.Id), (voicebotLeg.Channel, voicebotLeg.ParentId));
        var context = JsonDocument.Parse(call.Context!).RootElement;
        Assert.Equal(("CS_7", user.Id.Value.ToString(), "Cannot upgrade plan", "billing_dispute", 2),
            (context.GetProperty("chat_session_id").GetString(), context.GetProperty("user_id").GetString(), context.GetProperty("issue_summary").GetString(),
                context.GetProperty("bot_intent").GetString(), context.GetProperty("bot_resolution_attempts").GetInt32()));
        Assert.Equal(["confirmed_account", "checked_invoice"], context.GetProperty("prior_steps").EnumerateArray().Select(step => step.GetString()));
    }

    [Fact]
    public async Task A_second_consent_or_handoff_of_the_session_refreshes_the_context_and_places_no_other_call()
    {
        var user = NewUser();
        await chat.ApplyAsync(Consent(user));
        chat.Messaging.Clock.Advance(TimeSpan.FromMinutes(1));

        await chat.ApplyAsync(Consent(user, key: "CS_7|call_consent|2") with { Summary = "Still cannot upgrade" });
        await chat.ApplyAsync(Consent(user, key: "CS_7|handoff|3", @event: ApplyChatbotEvent.Handoff));

        Assert.Single(chat.Calls.All);
        Assert.Single(chat.Tickets.All);
        Assert.Single(chat.Messaging.Outbox.Of<PlaceCall>());
        Assert.Equal("Cannot upgrade plan", Assert.Single(chat.Messaging.Conversations.All, c => c.SessionId == "CS_7").Context!.IssueSummary);
    }

    [Fact]
    public async Task A_consent_without_context_keeps_the_context_the_bot_gave_before()
    {
        var user = NewUser();
        await chat.ApplyAsync(new ApplyChatbotEvent(ApplyChatbotEvent.Handoff, "CS_7", user.Id.Value, "Cannot upgrade plan", "k1") { ToLiveChat = true });

        await chat.ApplyAsync(new ApplyChatbotEvent(ApplyChatbotEvent.CallConsent, "CS_7", user.Id.Value, null, "k2"));

        Assert.Equal("Cannot upgrade plan", Assert.Single(chat.Messaging.Conversations.All, c => c.SessionId == "CS_7").Context!.IssueSummary);
        Assert.Single(chat.Calls.All);
    }

    [Fact]
    public async Task A_handoff_to_live_chat_queues_the_chat_for_the_support_agents_and_starts_the_sla_clock()
    {
        var user = NewUser();

        await chat.ApplyAsync(Consent(user, @event: ApplyChatbotEvent.Handoff) with { ToLiveChat = true });

        var conversation = Assert.Single(chat.Messaging.Conversations.All);
        Assert.Equal(("support-tier1", "billing_dispute"), (conversation.Queue, conversation.Context!.BotIntent));
        Assert.Empty(chat.Calls.All);
        var timer = Assert.Single(chat.Messaging.Timers.Scheduled);
        Assert.Equal((LiveChat.ClockKey(conversation.Id), TestUsers.T0.AddMinutes(5), (object)new CheckLiveChatSla(conversation.Id)), (timer.Key, timer.DueAt, (object)timer.Command));
    }

    [Fact]
    public async Task Talk_to_someone_starts_the_sla_clock_once()
    {
        var user = NewUser(LifecycleStage.Onboarding);

        await chat.ReplyAsync(user, "talk_to_someone", null);
        await chat.ReplyAsync(user, "talk_to_someone", null);

        var conversation = Assert.Single(chat.Messaging.Conversations.All);
        Assert.Equal(LiveChat.ClockKey(conversation.Id), Assert.Single(chat.Messaging.Timers.Scheduled).Key);
    }

    [Fact]
    public async Task An_assigned_live_chat_agent_stops_the_clock_and_is_recorded_with_the_transcript_link()
    {
        var user = NewUser(LifecycleStage.Onboarding);
        await chat.ReplyAsync(user, "talk_to_someone", null);

        await chat.ApplyAsync(new ApplyChatbotEvent(ApplyChatbotEvent.LiveChatAssigned, "CS_3", user.Id.Value, null, "k")
        {
            AgentId = "agent-42",
            TranscriptUrl = "https://chat.test/CS_3",
        });

        var conversation = Assert.Single(chat.Messaging.Conversations.All);
        Assert.Equal(("agent-42", "https://chat.test/CS_3", "CS_3"), (conversation.AgentId, conversation.TranscriptUrl, conversation.SessionId));
        Assert.Equal([LiveChat.ClockKey(conversation.Id)], chat.Messaging.Timers.Cancelled);
    }

    [Fact]
    public async Task No_agent_within_the_sla_sends_the_callback_scheduling_message_and_opens_a_support_ticket()
    {
        var user = NewUser(LifecycleStage.Onboarding);
        await chat.ReplyAsync(user, "talk_to_someone", null);
        var conversation = Assert.Single(chat.Messaging.Conversations.All);
        chat.Messaging.Clock.Advance(TimeSpan.FromMinutes(5));

        await chat.CheckSlaAsync(conversation.Id);

        var message = Assert.Single(chat.Messaging.QueuedSends());
        Assert.Equal((Channel.WhatsApp, ChatbotFlow.CallbackScheduling, "Priya"), (message.Channel, message.Notification, message.Variables["name"]));
        var ticket = Assert.Single(chat.Tickets.All);
        Assert.Equal((TicketKind.Support, conversation.Id, TestUsers.T0.AddMinutes(5)), (ticket.Kind, ticket.ConversationId, ticket.CreatedAt));
        Assert.Equal(ticket.Id, conversation.TicketId);
        Assert.Equal(CheckLiveChatSla.Missed, conversation.Steps.Last().Step);
    }

    [Fact]
    public async Task The_sla_check_of_a_chat_an_agent_took_or_that_ended_does_nothing()
    {
        var user = NewUser(LifecycleStage.Onboarding);
        await chat.ReplyAsync(user, "talk_to_someone", null);
        var taken = Assert.Single(chat.Messaging.Conversations.All);
        taken.AssignAgent("agent-1", TestUsers.T0);
        var ended = Conversation.Start(user.Id, Channel.WhatsApp, ChatbotFlow.Onboarding, "CS_2", TestUsers.T0);
        ended.End("resolved", TestUsers.T0);
        chat.Messaging.Conversations.Add(ended);

        await chat.CheckSlaAsync(taken.Id);
        await chat.CheckSlaAsync(ended.Id);
        await chat.CheckSlaAsync(Guid.NewGuid());

        Assert.Empty(chat.Messaging.Outbox.Enqueued);
        Assert.Empty(chat.Tickets.All);
    }

    [Fact]
    public async Task The_sla_check_of_an_offboarded_users_chat_does_nothing()
    {
        var user = NewUser(LifecycleStage.Onboarding);
        await chat.ReplyAsync(user, "talk_to_someone", null);
        user.Offboard(null, TestUsers.T0);

        await chat.CheckSlaAsync(Assert.Single(chat.Messaging.Conversations.All).Id);

        Assert.Empty(chat.Messaging.Outbox.Enqueued);
        Assert.Empty(chat.Tickets.All);
    }
}
