using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Voice;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Voice;

public class PlaceCallHandlerTests
{
    private readonly CallWorld world = new();

    [Fact]
    public async Task A_call_is_marked_and_committed_before_exotel_is_asked_then_its_sid_is_recorded_under_the_outbox_key()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.WinBack);
        world.Gateway.While = () => Assert.Equal((CallStatus.Placing, 1), (call.Status, world.UnitOfWork.Commits));

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Equal(new CallToPlace(CallPurpose.WinBack, user.Phone!.Value, call.CustomField, null), Assert.Single(world.Gateway.Placed));
        Assert.Equal((CallStatus.Placed, "CA1", TestUsers.T0), (call.Status, call.CallSid, call.PlacedAt));
        Assert.Equal("CA1", world.ConversationOf(call).SessionId);
        Assert.Equal([null, "outbox:1"], world.UnitOfWork.EventKeys);
    }

    [Fact]
    public async Task An_agent_call_is_placed_from_its_agent()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.Requests.Request(user.Id, CallPurpose.Agent, agentId: "agent-7");

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Equal("agent-7", Assert.Single(world.Gateway.Placed).AgentId);
    }

    [Fact]
    public async Task A_call_found_still_marked_was_cut_off_while_exotel_was_asked_and_is_recorded_unknown_not_placed_again()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);
        call.StartPlacing(TestUsers.T0);

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Empty(world.Gateway.Placed);
        Assert.Equal(CallStatus.Unknown, call.Status);
        Assert.Contains("cut off", call.Failure);
        Assert.Contains(world.PlaceCallLog.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning && entry.Message.Contains(call.Id.ToString()));
    }

    [Fact]
    public async Task An_unknown_outcome_is_recorded_and_the_call_is_never_placed_again()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);
        world.Gateway.Answer = _ => new CallPlacementResult.OutcomeUnknown("timed out after the request was written");

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);
        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Single(world.Gateway.Placed);
        Assert.Equal((CallStatus.Unknown, "timed out after the request was written"), (call.Status, call.Failure));
        Assert.Contains("timed out after the request was written", Assert.Single(world.PlaceCallLog.Entries).Message);
    }

    [Fact]
    public async Task A_refusal_ends_the_call_and_its_conversation_without_any_retry()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);
        world.Outbox.Enqueued.Clear();
        world.Gateway.Answer = _ => new CallPlacementResult.Refused("400", "invalid number");

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Equal((CallStatus.Refused, "400: invalid number"), (call.Status, call.Failure));
        Assert.Equal("refused", world.ConversationOf(call).Outcome);
        Assert.Empty(world.Timers.Scheduled);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_hiccup_before_exotel_took_the_request_releases_the_call_for_the_outbox_to_try_again()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);
        world.Gateway.Answer = _ => throw new HttpRequestException("503");

        await Assert.ThrowsAsync<HttpRequestException>(() => world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None).AsTask());

        Assert.Equal(CallStatus.Requested, call.Status);
        world.Gateway.Answer = _ => new CallPlacementResult.Placed("CA2");
        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);
        Assert.Equal("CA2", call.CallSid);
    }

    [Fact]
    public async Task A_cancelled_request_may_have_reached_exotel_so_the_mark_stays()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);
        world.Gateway.Answer = _ => throw new OperationCanceledException();

        await Assert.ThrowsAsync<OperationCanceledException>(() => world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None).AsTask());

        Assert.Equal(CallStatus.Placing, call.Status);
    }

    [Fact]
    public async Task A_call_to_a_user_offboarded_meanwhile_is_refused_without_asking_exotel()
    {
        var user = world.UserIn(LifecycleStage.Offboarded);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Empty(world.Gateway.Placed);
        Assert.Equal((CallStatus.Refused, "the user has been offboarded"), (call.Status, call.Failure));
        Assert.Equal("refused", world.ConversationOf(call).Outcome);
    }

    [Fact]
    public async Task A_call_to_an_erased_user_is_refused()
    {
        var user = world.UserIn(LifecycleStage.Onboarding).Erased();
        var call = world.Requests.Request(user.Id, CallPurpose.Support);

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Empty(world.Gateway.Placed);
        Assert.Equal(CallStatus.Refused, call.Status);
    }

    [Fact]
    public async Task An_unknown_or_already_placed_call_is_not_placed()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var placed = world.PlacedCall(user, CallPurpose.Support);

        await world.PlaceCall().Handle(new PlaceCall(Guid.NewGuid()), CancellationToken.None);
        await world.PlaceCall().Handle(new PlaceCall(placed.Id), CancellationToken.None);

        Assert.Empty(world.Gateway.Placed);
    }

    [Fact]
    public async Task A_conflict_while_recording_is_retried_on_fresh_data_and_the_call_is_placed_once()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);
        world.UnitOfWork.ConflictingKeyedCommits = 2;

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Single(world.Gateway.Placed);
        Assert.Equal(CallStatus.Placed, call.Status);
    }

    [Fact]
    public async Task Conflicts_that_do_not_end_give_up_after_three_tries()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);
        world.UnitOfWork.ConflictingKeyedCommits = 3;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None).AsTask());

        Assert.Equal(0, world.UnitOfWork.ConflictingKeyedCommits);
        Assert.Single(world.Gateway.Placed);
    }

    [Fact]
    public async Task A_call_a_callback_ended_while_exotel_answered_is_left_as_it_is()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var call = world.Requests.Request(user.Id, CallPurpose.Support);
        world.Gateway.While = () => call.RecordOutcomeUnknown("meanwhile");

        await world.PlaceCall().Handle(new PlaceCall(call.Id), CancellationToken.None);

        Assert.Equal((CallStatus.Unknown, (string?)null), (call.Status, call.CallSid));
    }

    [Fact]
    public void Placing_is_an_outbox_message_of_the_voice_lane_that_commits_on_its_own_path()
    {
        var message = new PlaceCall(Guid.Parse("0195a1b2-0000-7000-8000-000000000009"));

        Assert.Equal(("voice", "0195a1b2-0000-7000-8000-000000000009"), (message.RateLane, message.CorrelationId));
        Assert.IsAssignableFrom<global::Lifecycle.Application.Common.Messaging.ICommitsOutsideUnitOfWork>(message);
    }
}
