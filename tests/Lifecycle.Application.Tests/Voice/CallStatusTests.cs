using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Verify;
using Lifecycle.Application.Voice;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Voice;

public class CallStatusTests
{
    private readonly CallWorld world = new();

    [Fact]
    public async Task A_completed_call_longer_than_the_minimum_ends_its_conversation_and_is_a_voice_contact()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent);
        world.Clock.Advance(TimeSpan.FromMinutes(3));

        await ApplyAsync(Report(call, CallStatus.Completed) with { DurationSeconds = 31, RecordingUrl = "https://r/1.mp3" });

        Assert.Equal((CallStatus.Completed, 31), (call.Status, call.DurationSeconds));
        Assert.Equal((Channel.Voice, (DateTimeOffset?)world.Clock.GetUtcNow()), (user.LastContactChannel, user.LastContactAt));
        var conversation = world.ConversationOf(call);
        Assert.Equal(("completed", "CA1", false), (conversation.Outcome, conversation.SessionId, conversation.IsOpen));
        Assert.Empty(world.Timers.Scheduled);
        Assert.Equal(0, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public async Task A_status_of_a_call_to_an_erased_user_is_applied_and_not_kept()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent);
        user.Offboard(null, world.Clock.GetUtcNow());
        user.ErasePersonalData("hash");

        await ApplyAsync(Report(call, CallStatus.Completed) with { DurationSeconds = 5 });

        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(1, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public async Task A_short_call_is_not_a_contact()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent);

        await ApplyAsync(Report(call, CallStatus.Completed) with { DurationSeconds = 30 });

        Assert.Null(user.LastContactAt);
    }

    [Theory]
    [InlineData(CallStatus.NoAnswer, 1)]
    [InlineData(CallStatus.Busy, 2)]
    public async Task An_unanswered_agent_call_is_tried_again_after_the_retry_delay(CallStatus status, int attempt)
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent, attempt);

        await ApplyAsync(Report(call, status));

        var timer = Assert.Single(world.Timers.Scheduled);
        Assert.Equal((RequestCallAgain.Key(call), TestUsers.T0.AddHours(2), (object)new RequestCallAgain(call.Id)), (timer.Key, timer.DueAt, (object)timer.Command));
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task An_agent_call_unanswered_once_the_retries_are_used_up_enrolls_the_user_in_the_async_drip()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent, attempt: 3);

        await ApplyAsync(Report(call, CallStatus.NoAnswer));

        Assert.Empty(world.Timers.Scheduled);
        Assert.Equal(new EnrollInCampaign(user.Id.Value, "CMP_async_drip", "calls_unanswered"), Assert.Single(world.Outbox.Enqueued).Message);
    }

    [Theory]
    [InlineData(CallStatus.Failed)]
    [InlineData(CallStatus.Canceled)]
    public async Task A_failed_agent_call_is_not_a_missed_answer(CallStatus status)
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent);

        await ApplyAsync(Report(call, status));

        Assert.Equal(status, call.Status);
        Assert.Empty(world.Timers.Scheduled);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_bot_call_unanswered_on_the_call_webhook_is_left_to_the_voicebot_ladder()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Support);

        await ApplyAsync(Report(call, CallStatus.NoAnswer));

        Assert.Empty(world.Timers.Scheduled);
    }

    [Fact]
    public async Task A_repeated_terminal_status_changes_nothing()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent);

        await ApplyAsync(Report(call, CallStatus.NoAnswer));
        await ApplyAsync(Report(call, CallStatus.Busy));

        Assert.Equal(CallStatus.NoAnswer, call.Status);
        Assert.Single(world.Timers.Scheduled);
    }

    [Fact]
    public async Task An_ongoing_status_changes_nothing()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent);

        await ApplyAsync(Report(call, CallStatus.Placed));

        Assert.Equal(CallStatus.Placed, call.Status);
        Assert.Single(world.ConversationOf(call).Steps);
    }

    [Fact]
    public async Task A_smartconnect_leg_is_recorded_on_the_conversation_with_its_agent_and_queue()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent);

        await ApplyAsync(Report(call, CallStatus.Placed) with { LegEvent = "call-connect", AgentId = "agent-7", Queue = "support-tier1" });
        await ApplyAsync(Report(call, CallStatus.Placed) with { LegEvent = "call-end", AgentId = "agent-7", Queue = "support-tier1" });

        var conversation = world.ConversationOf(call);
        Assert.Equal(("support-tier1", "CA1"), (conversation.Queue, conversation.SessionId));
        Assert.Equal(["started", "call-connect", "handed_to_queue", "call-end"], conversation.Steps.Select(step => step.Step));
        Assert.Equal("agent-7", conversation.Steps.ElementAt(1).Detail);
    }

    [Fact]
    public async Task A_leg_without_a_queue_hands_nothing()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent);

        await ApplyAsync(Report(call, CallStatus.Placed) with { LegEvent = "call-connect" });

        Assert.Null(world.ConversationOf(call).Queue);
    }

    [Fact]
    public async Task A_call_found_by_its_sid_alone_is_ended()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Agent, callSid: "CA77");

        await ApplyAsync(new CallStatusReport("CA77", CallStatus.Failed, null, "k"));

        Assert.Equal(CallStatus.Failed, call.Status);
    }

    [Fact]
    public async Task A_call_none_of_ours_is_refused_for_inspection()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => ApplyAsync(new CallStatusReport("CA404", CallStatus.Completed, "user_id:x|call:1", "k")));

        Assert.Contains("CA404", Assert.Single(refused.Errors).ErrorMessage);
    }

    [Fact]
    public async Task A_status_racing_our_record_of_the_placed_call_is_kept_for_later()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.Requests.Request(user.Id, CallPurpose.Agent, agentId: "agent-7");
        call.StartPlacing(TestUsers.T0);

        var pending = await Assert.ThrowsAsync<ProviderRecordPendingException>(() => ApplyAsync(new CallStatusReport("CA1", CallStatus.Completed, call.CustomField, "k")));

        Assert.Contains("call", pending.Message);
    }

    [Fact]
    public async Task The_status_of_a_call_whose_outcome_was_unknown_ends_it_and_names_its_sid()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.Requests.Request(user.Id, CallPurpose.Agent, agentId: "agent-7");
        call.StartPlacing(TestUsers.T0);
        call.RecordOutcomeUnknown("timed out");

        await ApplyAsync(new CallStatusReport("CA8", CallStatus.Busy, call.CustomField, "k"));

        Assert.Equal((CallStatus.Busy, "CA8"), (call.Status, call.CallSid));
        Assert.Single(world.Timers.Scheduled);
    }

    [Fact]
    public void The_command_is_keyed_and_correlated_by_its_report()
    {
        var command = new ApplyCallStatus(new CallStatusReport("CA1", CallStatus.Completed, null, "CA1|completed|terminal"));

        Assert.Equal(("CA1|completed|terminal", "CA1"), (command.EventKey, command.CorrelationId));
    }

    [Theory]
    [InlineData(CallStatus.Completed, CallProgress.Answered)]
    [InlineData(CallStatus.NoAnswer, CallProgress.NotAnswered)]
    [InlineData(CallStatus.Busy, CallProgress.NotAnswered)]
    [InlineData(CallStatus.Failed, CallProgress.NotAnswered)]
    [InlineData(CallStatus.Canceled, CallProgress.NotAnswered)]
    [InlineData(CallStatus.Placed, CallProgress.Ongoing)]
    public void Voice_otp_calls_are_claimed_by_their_token_and_become_verify_commands(CallStatus status, CallProgress progress)
    {
        var route = new VoiceOtpCallRoute();
        var id = Guid.NewGuid();
        var token = VoiceOtpToken.New(id);

        Assert.True(route.Claims(token));
        Assert.False(route.Claims("user_id:x|call:1"));
        Assert.Equal($"voice-otp:{id:D}", route.Redact(token));
        Assert.Equal("user_id:x", route.Redact("user_id:x"));
        Assert.Equal(new ApplyVoiceOtpCallStatus(id, "CA1", progress, "k"), route.ToCommand(new CallStatusReport("CA1", status, token, "k")));
    }

    private static CallStatusReport Report(Call call, CallStatus status) => new(call.CallSid!, status, call.CustomField, $"{call.CallSid}|{status}");

    private Task ApplyAsync(CallStatusReport report) => world.ApplyCallStatus().Handle(new ApplyCallStatus(report), CancellationToken.None).AsTask();
}
