using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Voice;
using Lifecycle.Application.Voicebot;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Voice;

/// <summary>
/// Guide §4.4, §6: SmartConnect connecting a bot call to an agent names the agent on the call and starts the agent's leg —
/// a Voice conversation of the CallSid continuing the bot's — which <c>call-end</c> or the call's own end closes.
/// </summary>
public class AgentLegTests
{
    private readonly CallWorld world = new();

    [Fact]
    public async Task Call_connect_of_a_bot_call_records_the_agent_and_starts_the_agent_leg_once()
    {
        var call = world.PlacedCall(world.UserIn(LifecycleStage.Engaged), CallPurpose.Support);

        await ApplyAsync(Leg(call, "call-connect"));
        await ApplyAsync(Leg(call, "call-connect") with { EventKey = "again" });

        Assert.Equal(("agent-42", CallStatus.Placed), (call.AgentId, call.Status));
        var leg = Assert.Single(world.Conversations.All, conversation => conversation.Channel == Channel.Voice);
        Assert.Equal(("support", "CA1", call.ConversationId, "agent-42", true), (leg.Flow, leg.SessionId, leg.ParentId, leg.AgentId, leg.IsOpen));
        Assert.Equal("support-tier1", world.ConversationOf(call).Queue);
    }

    [Fact]
    public async Task Call_end_ends_the_agent_leg_and_leaves_the_bot_call_to_its_own_status()
    {
        var call = world.PlacedCall(world.UserIn(LifecycleStage.Engaged), CallPurpose.Support);
        await ApplyAsync(Leg(call, "call-connect"));
        world.Clock.Advance(TimeSpan.FromMinutes(4));

        await ApplyAsync(Leg(call, "call-end") with { Status = CallStatus.Completed, DurationSeconds = 200 });

        var leg = Assert.Single(world.Conversations.All, conversation => conversation.Channel == Channel.Voice);
        Assert.Equal(("completed", world.Clock.GetUtcNow()), (leg.Outcome, leg.EndedAt));
        Assert.Equal(CallStatus.Placed, call.Status);
        Assert.True(world.ConversationOf(call).IsOpen);
    }

    [Fact]
    public async Task The_bot_calls_end_ends_an_agent_leg_still_open()
    {
        var call = world.PlacedCall(world.UserIn(LifecycleStage.Engaged), CallPurpose.Support);
        await ApplyAsync(Leg(call, "call-connect"));

        await world.ApplyBotSessionEnd().Handle(
            new ApplyBotSessionEnd("CA1", call.CustomField, "BS1", SessionOutcome.Escalated, "escalated_to_agent", CallStatus.Completed, "k"),
            CancellationToken.None);

        Assert.False(Assert.Single(world.Conversations.All, conversation => conversation.Channel == Channel.Voice).IsOpen);
        Assert.False(world.ConversationOf(call).IsOpen);
    }

    [Fact]
    public async Task Call_connect_of_an_agents_click_to_call_starts_no_other_leg()
    {
        var call = world.PlacedCall(world.UserIn(LifecycleStage.Engaged), CallPurpose.Agent);

        await ApplyAsync(Leg(call, "call-connect"));

        Assert.Single(world.Conversations.All);
        Assert.Equal("agent-7", call.AgentId);
    }

    private static CallStatusReport Leg(Call call, string leg) =>
        new(call.CallSid!, CallStatus.Placed, call.CustomField, $"{call.CallSid}|{leg}") { LegEvent = leg, AgentId = "agent-42", Queue = "support-tier1" };

    private Task ApplyAsync(CallStatusReport report) => world.ApplyCallStatus().Handle(new ApplyCallStatus(report), CancellationToken.None).AsTask();
}
