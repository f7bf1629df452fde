using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Chatbot;

/// <summary>
/// The onboarding chatbot (guide §4.1, policies.md): stalled 10 minutes → an agent offered by WhatsApp;
/// <c>setup_complete</c> → ONBOARDING → ACTIVATED; [Start Setup] and "Talk to someone" replies route the chat.
/// </summary>
public class ChatbotTests
{
    private readonly ChatWorld chat = new();

    private MessagingWorld world => chat.Messaging;

    [Fact]
    public async Task A_stalled_onboarding_chat_offers_an_agent_by_whatsapp_addressed_by_name()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);

        await Apply(new ApplyChatbotEvent("session_stalled", "CS_1", user.Id.Value, null, "CS_1|session_stalled"));

        var offer = Assert.Single(world.QueuedSends());
        Assert.Equal((Channel.WhatsApp, ChatbotFlow.AgentOffer), (offer.Channel, offer.Notification));
        Assert.Equal(new Dictionary<string, string> { ["name"] = "Priya" }, offer.Variables);
        var conversation = Assert.Single(world.Conversations.All);
        Assert.Equal(["started", "session_stalled"], conversation.Steps.Select(step => step.Step));
        Assert.True(conversation.IsOpen);
    }

    [Fact]
    public async Task A_stalled_chat_of_a_user_without_a_name_greets_them_as_there()
    {
        var user = User.Register(UserId.New(), Domain.Common.E164Phone.Parse("+919811111111"), null, null, world.Clock.GetUtcNow());
        world.Users.Add(user);

        await Apply(new ApplyChatbotEvent("session_stalled", "CS_1", user.Id.Value, null, "k"));

        Assert.Equal("there", Assert.Single(world.QueuedSends()).Variables["name"]);
    }

    [Fact]
    public async Task Setup_complete_ends_the_chat_as_resolved_and_activates_an_onboarding_user()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        world.Clock.Advance(TimeSpan.FromMinutes(4));

        await Apply(new ApplyChatbotEvent("setup_complete", "CS_1", user.Id.Value, "done", "CS_1|setup_complete"));

        Assert.Equal(LifecycleStage.Activated, user.Stage);
        var transition = user.Transitions.Last();
        Assert.Equal(("chatbot:setup_complete", "CS_1", TestUsers.T0.AddMinutes(4)), (transition.Trigger, transition.CorrelationId, transition.At));
        var conversation = Assert.Single(world.Conversations.All);
        Assert.Equal(("resolved", TestUsers.T0.AddMinutes(4)), (conversation.Outcome, conversation.EndedAt));
        Assert.Equal(("setup_complete", "done"), (conversation.Steps.ElementAt(1).Step, conversation.Steps.ElementAt(1).Detail));
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task Setup_complete_of_a_user_past_onboarding_moves_no_stage()
    {
        var user = world.NewUser(LifecycleStage.Engaged);

        await Apply(new ApplyChatbotEvent("setup_complete", "CS_1", user.Id.Value, null, "k"));

        Assert.Equal(LifecycleStage.Engaged, user.Stage);
        Assert.Equal("resolved", Assert.Single(world.Conversations.All).Outcome);
    }

    [Fact]
    public async Task The_chat_opened_by_start_setup_is_the_one_the_bot_session_continues()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        await Reply(user, "start_setup", null);

        await Apply(new ApplyChatbotEvent("live_chat_assigned", "CS_9", user.Id.Value, null, "k") { AgentId = "agent-1" });

        var conversation = Assert.Single(world.Conversations.All);
        Assert.Equal("CS_9", conversation.SessionId);
        Assert.Equal(["started", "live_chat_assigned", "agent_assigned"], conversation.Steps.Select(step => step.Step));
        Assert.Empty(world.Outbox.Enqueued);
        Assert.Equal(LifecycleStage.Onboarding, user.Stage);
    }

    [Fact]
    public async Task Events_of_a_known_session_go_to_its_conversation_even_once_it_has_ended()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        await Apply(new ApplyChatbotEvent("setup_complete", "CS_1", user.Id.Value, null, "k1"));

        await Apply(new ApplyChatbotEvent("session_closed", "CS_1", user.Id.Value, null, "k2"));

        var conversation = Assert.Single(world.Conversations.All);
        Assert.Equal("session_closed", conversation.Steps.Last().Step);
    }

    [Fact]
    public async Task A_late_event_of_an_ended_session_goes_to_its_conversation_not_to_the_users_newer_open_chat()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        await Apply(new ApplyChatbotEvent("setup_complete", "CS_1", user.Id.Value, null, "k1"));
        await Reply(user, "start_setup", null);

        await Apply(new ApplyChatbotEvent("session_closed", "CS_1", user.Id.Value, null, "k2"));

        Assert.Equal(2, world.Conversations.All.Count);
        Assert.Equal("session_closed", world.Conversations.All[0].Steps.Last().Step);
        Assert.Equal((null, 1), (world.Conversations.All[1].SessionId, world.Conversations.All[1].Steps.Count));
    }

    [Fact]
    public async Task A_new_session_starts_an_onboarding_whatsapp_conversation_named_after_it()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        world.Clock.Advance(TimeSpan.FromMinutes(1));

        await Apply(new ApplyChatbotEvent("live_chat_assigned", "CS_2", user.Id.Value, null, "k"));

        var conversation = Assert.Single(world.Conversations.All);
        Assert.Equal((user.Id, Channel.WhatsApp, ChatbotFlow.Onboarding, "CS_2"), (conversation.UserId, conversation.Channel, conversation.Flow, conversation.SessionId));
        Assert.Equal(TestUsers.T0.AddMinutes(1), conversation.StartedAt);
    }

    [Fact]
    public async Task An_event_for_an_unknown_user_is_dropped()
    {
        await Apply(new ApplyChatbotEvent("session_stalled", "CS_1", Guid.NewGuid(), null, "k"));

        Assert.Empty(world.Conversations.All);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public void A_chatbot_event_is_correlated_by_its_session() =>
        Assert.Equal("CS_1", new ApplyChatbotEvent("handoff", "CS_1", Guid.NewGuid(), null, "k").CorrelationId);

    [Theory]
    [InlineData("start_setup", null)]
    [InlineData(null, " Start_Setup ")]
    public async Task Start_setup_opens_the_onboarding_chat(string? button, string? body)
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        world.Clock.Advance(TimeSpan.FromMinutes(2));

        await Reply(user, button, body);

        var conversation = Assert.Single(world.Conversations.All);
        Assert.Equal((user.Id, Channel.WhatsApp, ChatbotFlow.Onboarding, null), (conversation.UserId, conversation.Channel, conversation.Flow, conversation.SessionId));
        Assert.Equal(TestUsers.T0.AddMinutes(2), conversation.StartedAt);
        Assert.True(conversation.IsOpen);
    }

    [Fact]
    public async Task Start_setup_pressed_again_keeps_the_open_chat()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);

        await Reply(user, "start_setup", null);
        await Reply(user, "start_setup", null);

        Assert.Single(world.Conversations.All);
    }

    [Theory]
    [InlineData("talk_to_someone", null)]
    [InlineData(null, "talk to someone")]
    [InlineData(null, "TALK_TO_SOMEONE")]
    public async Task Talk_to_someone_hands_the_onboarding_chat_to_the_onboarding_agents(string? button, string? body)
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        await Reply(user, "start_setup", null);
        world.Clock.Advance(TimeSpan.FromMinutes(3));

        await Reply(user, button, body);

        var conversation = Assert.Single(world.Conversations.All);
        Assert.Equal(("onboarding-agents", "transferred"), (conversation.Queue, conversation.Outcome));
        var step = conversation.Steps.Last();
        Assert.Equal(("handed_to_queue", "onboarding-agents", TestUsers.T0.AddMinutes(3)), (step.Step, step.Detail, step.At));
    }

    [Fact]
    public async Task Talk_to_someone_without_an_open_chat_opens_one_in_the_agents_queue()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);

        await Reply(user, "talk_to_someone", null);

        var conversation = Assert.Single(world.Conversations.All);
        Assert.Equal((ChatbotFlow.Onboarding, Channel.WhatsApp, "onboarding-agents"), (conversation.Flow, conversation.Channel, conversation.Queue));
    }

    [Theory]
    [InlineData(null, "thanks!")]
    [InlineData(null, null)]
    [InlineData("later", "start_setup")]
    public async Task Any_other_reply_is_the_bots_business(string? button, string? body)
    {
        var user = world.NewUser(LifecycleStage.Onboarding);

        await Reply(user, button, body);

        Assert.Empty(world.Conversations.All);
    }

    private Task Apply(ApplyChatbotEvent command) => chat.ApplyAsync(command);

    private Task Reply(User user, string? button, string? body) => chat.ReplyAsync(user, button, body);
}
