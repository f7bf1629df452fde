using System.Text.Json;
using FluentValidation.TestHelper;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Voice;
using Lifecycle.Domain.Lifecycle;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Lifecycle.Application.Tests.Voice;

public class RequestCallTests
{
    private readonly CallWorld world = new();

    private RequestCallHandler Handler => new(world.Users, world.Conversations, world.Requests);

    [Fact]
    public async Task A_voicebot_call_is_recorded_with_its_context_and_conversation_and_placed_by_the_outbox()
    {
        var user = world.UserIn(LifecycleStage.AtRisk);

        var answer = await Handler.Handle(new RequestCall(user.Id.Value, "win_back", "agent-ignored", "T-1", """{"a":1}""", null), CancellationToken.None);

        var call = Assert.Single(world.Calls.All);
        Assert.Equal((answer.CallId, CallPurpose.WinBack, 1, """{"a":1}""", (string?)null, "T-1"),
            (call.Id, call.Purpose, call.Attempt, call.Context, call.AgentId, call.TicketId));
        Assert.Equal(new PlaceCall(call.Id), Assert.Single(world.Outbox.Enqueued).Message);
        var conversation = world.ConversationOf(call);
        Assert.Equal((Channel.Voicebot, "win_back", (Guid?)null), (conversation.Channel, conversation.Flow, conversation.ParentId));
    }

    [Fact]
    public async Task An_agent_call_keeps_its_agent_on_a_voice_conversation_that_continues_the_chat_it_names()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var chat = Conversation.Start(user.Id, Channel.Chatbot, "support", "CS_1", TestUsers.T0);
        world.Conversations.Add(chat);

        await Handler.Handle(new RequestCall(user.Id.Value, "agent", "agent-7", null, null, "CS_1"), CancellationToken.None);

        var call = Assert.Single(world.Calls.All);
        Assert.Equal(("agent-7", "CS_1"), (call.AgentId, call.ChatSessionId));
        Assert.Equal((Channel.Voice, (Guid?)chat.Id), (world.ConversationOf(call).Channel, world.ConversationOf(call).ParentId));
    }

    [Fact]
    public async Task An_unknown_chat_session_links_to_no_conversation()
    {
        var user = world.UserIn(LifecycleStage.Engaged);

        await Handler.Handle(new RequestCall(user.Id.Value, "support", null, null, null, "CS_gone"), CancellationToken.None);

        Assert.Null(world.ConversationOf(Assert.Single(world.Calls.All)).ParentId);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_and_an_offboarded_one_is_refused()
    {
        var offboarded = world.UserIn(LifecycleStage.Offboarded);

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Handler.Handle(new RequestCall(Guid.NewGuid(), "support", null, null, null, null), CancellationToken.None).AsTask());
        Assert.StartsWith("User", missing.Message);
        await Assert.ThrowsAsync<UserOffboarded>(() => Handler.Handle(new RequestCall(offboarded.Id.Value, "support", null, null, null, null), CancellationToken.None).AsTask());
        Assert.Empty(world.Calls.All);
    }

    [Theory]
    [InlineData(null, null, "Purpose")]
    [InlineData("sales", null, "Purpose")]
    [InlineData("agent", null, "AgentId")]
    [InlineData("agent", " ", "AgentId")]
    public void Bad_input_names_its_field(string? purpose, string? agentId, string field) =>
        new RequestCallValidator().TestValidate(new RequestCall(Guid.NewGuid(), purpose, agentId, null, null, null))
            .ShouldHaveValidationErrorFor(field)
            .WithErrorMessage(field == "Purpose" ? "purpose must be one of activation, win_back, support, agent." : "agentId is required for an agent call.");

    [Theory]
    [InlineData("activation", null)]
    [InlineData("WIN_BACK", null)]
    [InlineData("agent", "agent-7")]
    public void Good_input_passes(string purpose, string? agentId) =>
        new RequestCallValidator().TestValidate(new RequestCall(Guid.NewGuid(), purpose, agentId, null, null, null)).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void Over_long_ids_are_refused()
    {
        var result = new RequestCallValidator().TestValidate(new RequestCall(Guid.NewGuid(), "agent", new string('a', 65), new string('t', 65), null, new string('c', 129)));

        result.ShouldHaveValidationErrorFor(command => command.AgentId);
        result.ShouldHaveValidationErrorFor(command => command.TicketId);
        result.ShouldHaveValidationErrorFor(command => command.ChatSessionId);
    }

    [Fact]
    public async Task The_voicebot_tool_reads_a_call_by_its_sid_with_its_context_as_json()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.Requests.Request(user.Id, CallPurpose.Support, context: """{"summary":"refund"}""", chatSessionId: "CS_1");
        call.StartPlacing(TestUsers.T0);
        call.RecordPlaced("CA5", TestUsers.T0);

        var view = await new GetCallContextHandler(world.Calls).Handle(new GetCallContext("CA5"), CancellationToken.None);

        Assert.Equal(("CA5", user.Id.Value, "support", call.CustomField, "CS_1", "refund"),
            (view.CallSid, view.UserId, view.Purpose, view.CustomField, view.ChatSessionId, view.Context!.Value.GetProperty("summary").GetString()));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => new GetCallContextHandler(world.Calls).Handle(new GetCallContext("CA-none"), CancellationToken.None).AsTask());
        Assert.StartsWith("Call 'CA-none'", missing.Message);
    }

    [Fact]
    public async Task A_call_without_context_answers_none()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        world.PlacedCall(user, CallPurpose.Support, callSid: "CA6");

        var view = await new GetCallContextHandler(world.Calls).Handle(new GetCallContext("CA6"), CancellationToken.None);

        Assert.Null(view.Context);
    }

    [Fact]
    public async Task A_retry_asks_for_the_same_call_one_attempt_further_in_the_same_chat()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var parent = Guid.NewGuid();
        var first = world.Requests.Request(user.Id, CallPurpose.Agent, context: "{}", chatSessionId: "CS_1", agentId: "agent-7", ticketId: "T-1", parentConversationId: parent);

        await new RequestCallAgainHandler(world.Calls, world.Conversations, world.Users, world.Requests).Handle(new RequestCallAgain(first.Id), CancellationToken.None);

        var again = world.Calls.All[^1];
        Assert.Equal((CallPurpose.Agent, 2, "{}", "CS_1", "agent-7", "T-1", (Guid?)parent),
            (again.Purpose, again.Attempt, again.Context, again.ChatSessionId, again.AgentId, again.TicketId, world.ConversationOf(again).ParentId));
        Assert.Equal(new PlaceCall(again.Id), world.Outbox.Enqueued[^1].Message);
    }

    [Fact]
    public async Task No_retry_reaches_an_offboarded_user_or_a_call_that_is_gone()
    {
        var user = world.UserIn(LifecycleStage.Offboarded);
        var first = world.Requests.Request(user.Id, CallPurpose.Support);
        var handler = new RequestCallAgainHandler(world.Calls, world.Conversations, world.Users, world.Requests);

        await handler.Handle(new RequestCallAgain(first.Id), CancellationToken.None);
        await handler.Handle(new RequestCallAgain(Guid.NewGuid()), CancellationToken.None);

        Assert.Single(world.Calls.All);
    }

    [Fact]
    public void A_retry_is_one_of_the_users_follow_ups()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.WinBack);

        RequestCallAgain.Schedule(world.Timers, call, TimeSpan.FromHours(2), TestUsers.T0);

        var timer = Assert.Single(world.Timers.Scheduled);
        Assert.Equal(($"follow-up:{user.Id}:call-retry:win_back", TestUsers.T0.AddHours(2), (object)new RequestCallAgain(call.Id)), (timer.Key, timer.DueAt, (object)timer.Command));
        Assert.StartsWith(global::Lifecycle.Application.Lifecycle.FollowUps.Of(user.Id), timer.Key);
        Assert.Equal(call.Id.ToString(), new RequestCallAgain(call.Id).CorrelationId);
    }

    [Fact]
    public void The_voice_options_are_checked()
    {
        var validator = new VoiceOptionsValidator();

        Assert.True(validator.Validate(new VoiceOptions()).IsValid);
        Assert.Equal(2, validator.Validate(new VoiceOptions { RetryAfter = TimeSpan.Zero, MaxRetries = 6 }).Errors.Count);
        Assert.Equal(TimeSpan.FromSeconds(30), new CallOptions().MinEngagedCall);
        Assert.False(new CallOptionsValidator().Validate(new CallOptions { MinEngagedCallSeconds = -1 }).IsValid);
        Assert.False(new CallOptionsValidator().Validate(new CallOptions { MinEngagedCallSeconds = 3601 }).IsValid);
        Assert.True(new CallOptionsValidator().Validate(new CallOptions { MinEngagedCallSeconds = 3600 }).IsValid);
    }

    [Fact]
    public void The_request_is_correlated_by_its_user() =>
        Assert.Equal("0195a1b2-0000-7000-8000-000000000001",
            new RequestCall(Guid.Parse("0195a1b2-0000-7000-8000-000000000001"), "support", null, null, null, null).CorrelationId);
}
