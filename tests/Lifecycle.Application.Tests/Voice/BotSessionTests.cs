using FluentValidation;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Voicebot;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Voice;

public class BotSessionTests
{
    private readonly CallWorld world = new();

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public async Task A_bot_session_is_a_contact_only_when_it_lasted_longer_than_the_minimum(int seconds, bool contact)
    {
        var user = world.UserIn(LifecycleStage.AtRisk);
        var call = world.PlacedCall(user, CallPurpose.WinBack);

        await ApplyAsync(End(call, CallStatus.Completed, SessionOutcome.Other, "word") with { DurationSeconds = seconds });

        Assert.Equal(contact, user.LastContactChannel == Channel.Voicebot);
    }

    [Theory]
    [InlineData(CallPurpose.Activation, LifecycleStage.Onboarding, SessionOutcome.Resolved, LifecycleStage.Activated)]
    [InlineData(CallPurpose.Activation, LifecycleStage.AtRisk, SessionOutcome.Resolved, LifecycleStage.AtRisk)]
    [InlineData(CallPurpose.Support, LifecycleStage.Onboarding, SessionOutcome.Resolved, LifecycleStage.Onboarding)]
    [InlineData(CallPurpose.WinBack, LifecycleStage.AtRisk, SessionOutcome.OfferAccepted, LifecycleStage.Engaged)]
    [InlineData(CallPurpose.WinBack, LifecycleStage.AtRisk, SessionOutcome.Declined, LifecycleStage.Churned)]
    [InlineData(CallPurpose.WinBack, LifecycleStage.Engaged, SessionOutcome.Declined, LifecycleStage.Engaged)]
    [InlineData(CallPurpose.WinBack, LifecycleStage.AtRisk, SessionOutcome.Other, LifecycleStage.AtRisk)]
    public async Task A_session_outcome_moves_the_user_as_the_flow_says_and_a_move_the_stage_refuses_is_ignored(
        CallPurpose purpose, LifecycleStage from, SessionOutcome outcome, LifecycleStage to)
    {
        var user = world.UserIn(from);
        var call = world.PlacedCall(user, purpose);

        await ApplyAsync(End(call, CallStatus.Completed, outcome, "word") with { DurationSeconds = 31 });

        Assert.Equal(to, user.Stage);
        Assert.Equal(("word", "BS1", CallStatus.Completed), (call.BotOutcome, call.BotSessionId, call.Status));
        Assert.Equal((Channel.Voicebot, "word"), (user.LastContactChannel, world.ConversationOf(call).Outcome));
        if (to != from)
        {
            var transition = user.Transitions.Last();
            Assert.Equal(($"voicebot:{purpose.Name()}:word", "CA1"), (transition.Trigger, transition.CorrelationId));
        }
    }

    [Theory]
    [InlineData(CallPurpose.WinBack, "retention-agents")]
    [InlineData(CallPurpose.Support, "support-tier1")]
    [InlineData(CallPurpose.Activation, "onboarding-agents")]
    public async Task An_escalation_hands_the_conversation_to_the_flows_queue(CallPurpose purpose, string queue)
    {
        var user = world.UserIn(LifecycleStage.AtRisk);
        var call = world.PlacedCall(user, purpose);

        await ApplyAsync(End(call, CallStatus.Placed, SessionOutcome.Escalated, "escalated"));

        Assert.Equal(queue, world.ConversationOf(call).Queue);
        Assert.Equal(CallStatus.Placed, call.Status);
        Assert.Equal(LifecycleStage.AtRisk, user.Stage);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task An_unanswered_session_is_tried_again_after_the_retry_delay(int attempt)
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Support, attempt);

        await ApplyAsync(End(call, CallStatus.Completed, SessionOutcome.Unanswered, "unanswered"));

        var timer = Assert.Single(world.Timers.Scheduled);
        Assert.Equal((TestUsers.T0.AddHours(2), (object)new RequestCallAgain(call.Id)), (timer.DueAt, (object)timer.Command));
        Assert.Empty(world.Tickets.All);
    }

    [Fact]
    public async Task The_third_unanswered_session_opens_a_human_outreach_ticket_and_no_more_calls()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.WinBack, attempt: 3);

        await ApplyAsync(End(call, CallStatus.NoAnswer, null, null));

        var ticket = Assert.Single(world.Tickets.All);
        Assert.Equal((user.Id, TicketKind.HumanOutreach, "CA1", (Guid?)call.ConversationId, "3 unanswered win_back voicebot calls"),
            (ticket.UserId, ticket.Kind, ticket.CallSid, ticket.ConversationId, ticket.Reason));
        Assert.Empty(world.Timers.Scheduled);
        Assert.Equal("unanswered", call.BotOutcome);
    }

    [Fact]
    public async Task Retries_used_up_before_the_ticket_threshold_stop_the_calls()
    {
        world.Voicebot.MaxRetries = 0;
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Support, attempt: 1);

        await ApplyAsync(End(call, CallStatus.Busy, null, null));

        Assert.Empty(world.Timers.Scheduled);
        Assert.Empty(world.Tickets.All);
    }

    [Fact]
    public async Task A_first_unanswered_activation_call_is_retried_and_the_second_makes_the_user_at_risk()
    {
        var user = world.UserIn(LifecycleStage.Onboarding);
        var first = world.PlacedCall(user, CallPurpose.Activation, 1, "CA1");
        var second = world.PlacedCall(user, CallPurpose.Activation, 2, "CA2");

        await ApplyAsync(End(first, CallStatus.NoAnswer, null, null));
        Assert.Equal(LifecycleStage.Onboarding, user.Stage);
        await ApplyAsync(End(second, CallStatus.Completed, SessionOutcome.Unanswered, "unanswered"));

        Assert.Single(world.Timers.Scheduled);
        Assert.Equal(LifecycleStage.AtRisk, user.Stage);
        Assert.Empty(world.Tickets.All);
    }

    [Fact]
    public async Task An_outcome_is_acted_on_once_whichever_report_names_it_first()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Support);

        await ApplyAsync(End(call, CallStatus.Placed, SessionOutcome.Unanswered, "unanswered"));
        await ApplyAsync(End(call, CallStatus.NoAnswer, null, null));

        Assert.Single(world.Timers.Scheduled);
        Assert.Equal(CallStatus.NoAnswer, call.Status);
    }

    [Fact]
    public async Task A_status_without_an_outcome_ends_the_call_with_its_status()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.Support);

        await ApplyAsync(End(call, CallStatus.Failed, null, null));

        Assert.Equal((CallStatus.Failed, (string?)null, "failed"), (call.Status, call.BotOutcome, world.ConversationOf(call).Outcome));
        Assert.Empty(world.Timers.Scheduled);
    }

    [Fact]
    public async Task A_session_of_a_call_none_of_ours_is_refused_for_inspection()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => ApplyAsync(new ApplyBotSessionEnd("CA404", null, null, null, null, CallStatus.Completed, "k")));

        Assert.Contains("CA404", Assert.Single(refused.Errors).ErrorMessage);
    }

    [Fact]
    public async Task A_stage_change_the_stage_refuses_is_logged()
    {
        var user = world.UserIn(LifecycleStage.Engaged);
        var call = world.PlacedCall(user, CallPurpose.WinBack);

        await ApplyAsync(End(call, CallStatus.Completed, SessionOutcome.Declined, "declined"));

        Assert.Contains("CHURNED", Assert.Single(world.OutcomeLog.Entries).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_voicebot_options_are_checked()
    {
        var validator = new VoicebotOptionsValidator();

        Assert.True(validator.Validate(new VoicebotOptions()).IsValid);
        Assert.Equal(4, validator.Validate(new VoicebotOptions { RetryAfter = TimeSpan.Zero, MaxRetries = -1, UnansweredBeforeTicket = 0, ActivationUnansweredBeforeAtRisk = 11 }).Errors.Count);
    }

    [Fact]
    public void The_command_is_keyed_and_correlated_by_its_call() =>
        Assert.Equal(("k", "CA1"), (new ApplyBotSessionEnd("CA1", null, null, null, null, CallStatus.Completed, "k").EventKey,
            new ApplyBotSessionEnd("CA1", null, null, null, null, CallStatus.Completed, "k").CorrelationId));

    private static ApplyBotSessionEnd End(Call call, CallStatus status, SessionOutcome? outcome, string? name) =>
        new(call.CallSid!, call.CustomField, "BS1", outcome, name, status, $"{call.CallSid}|{name}|{status}");

    private Task ApplyAsync(ApplyBotSessionEnd command) => world.ApplyBotSessionEnd().Handle(command, CancellationToken.None).AsTask();
}
