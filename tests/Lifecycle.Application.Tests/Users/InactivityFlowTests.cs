using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Users;

/// <summary>The scan's hand-offs, the activation nudge, churn prevention and the one place a response cancels follow-ups.</summary>
public class InactivityFlowTests
{
    private readonly MessagingWorld world = new();
    private readonly FakeCalls calls = new();
    private readonly FakeInactiveUsers inactive = new();

    [Fact]
    public async Task The_scan_hands_each_inactive_user_a_timer_due_now_and_skips_those_already_handed_off()
    {
        var onboarding = UserId.New();
        var engaged = UserId.New();
        var handedOff = UserId.New();
        inactive.Onboarding.AddRange([onboarding, handedOff]);
        inactive.Engaged.Add(engaged);
        world.Timers.Schedule($"inactivity:{handedOff}", TestUsers.T0, new NudgeInactiveUser(handedOff.Value, TestUsers.T0));

        var result = await ScanHandler().Handle(new RunInactivityScan(), CancellationToken.None);

        Assert.Equal(new InactivityScanResult(1, 1), result);
        var now = world.Clock.GetUtcNow();
        Assert.Equal(
            [
                ($"inactivity:{onboarding}", now, (ITimerCommand)new NudgeInactiveUser(onboarding.Value, now.AddDays(-7))),
                ($"inactivity:{engaged}", now, new MarkInactiveUserAtRisk(engaged.Value, now.AddDays(-14))),
            ],
            world.Timers.Scheduled.Skip(1));
        Assert.Equal((now.AddDays(-7), now.AddDays(-14)), (inactive.NudgeBefore, inactive.InactiveBefore));
    }

    [Fact]
    public async Task A_handed_off_onboarding_user_still_inactive_is_nudged_enrolled_and_given_the_activation_call()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        world.Clock.Advance(TimeSpan.FromDays(8));

        await NudgeHandler().Handle(new NudgeInactiveUser(user.Id.Value, world.Clock.GetUtcNow().AddDays(-7)), CancellationToken.None);

        var now = world.Clock.GetUtcNow();
        Assert.Equal(now, user.LastNudgedAt);
        Assert.Equal([new EnrollInCampaign(user.Id.Value, "CMP_activation_d7", "inactive")], world.Outbox.Of<EnrollInCampaign>());
        Assert.Equal(
            [(FollowUps.Key(user.Id, "activation-call"), now + TimeSpan.FromDays(4), (ITimerCommand)new RequestCallIfStill(user.Id.Value, CallPurpose.Activation, LifecycleStage.Onboarding))],
            world.Timers.Scheduled);
    }

    [Theory]
    [InlineData(LifecycleStage.Onboarding, true)]
    [InlineData(LifecycleStage.Activated, false)]
    public async Task A_user_seen_since_the_scan_or_out_of_onboarding_is_not_nudged(LifecycleStage stage, bool loggedInSince)
    {
        var user = world.NewUser(stage);
        world.Clock.Advance(TimeSpan.FromDays(8));
        if (loggedInSince)
        {
            user.ApplyProductEvent(ProductEvent.Login, world.Clock.GetUtcNow(), TimeSpan.Zero, "test", world.Clock.GetUtcNow());
        }

        await NudgeHandler().Handle(new NudgeInactiveUser(user.Id.Value, TestUsers.T0.AddDays(1)), CancellationToken.None);
        await NudgeHandler().Handle(new NudgeInactiveUser(Guid.NewGuid(), TestUsers.T0.AddDays(1)), CancellationToken.None);

        Assert.Null(user.LastNudgedAt);
        Assert.Empty(world.Outbox.Enqueued);
    }

    [Fact]
    public async Task A_handed_off_engaged_user_still_inactive_becomes_at_risk_and_one_seen_since_does_not()
    {
        var inactiveUser = world.NewUser(LifecycleStage.Engaged);
        var seenSince = world.NewUser(LifecycleStage.Engaged, "+919876543211");
        world.Clock.Advance(TimeSpan.FromDays(15));
        seenSince.ApplyProductEvent(ProductEvent.Login, world.Clock.GetUtcNow(), TimeSpan.Zero, "test", world.Clock.GetUtcNow());
        var seenBefore = world.Clock.GetUtcNow().AddDays(-14);

        foreach (var user in new[] { inactiveUser, seenSince })
        {
            await new MarkInactiveUserAtRiskHandler(world.Users, world.Clock).Handle(new MarkInactiveUserAtRisk(user.Id.Value, seenBefore), CancellationToken.None);
        }

        Assert.Equal((LifecycleStage.AtRisk, LifecycleStage.Engaged), (inactiveUser.Stage, seenSince.Stage));
        Assert.Equal("inactive", inactiveUser.Transitions.Last().Trigger);
        Assert.Equal($"scan:{seenBefore:yyyy-MM-dd}", inactiveUser.Transitions.Last().CorrelationId);
    }

    [Fact]
    public async Task Entering_at_risk_sends_the_outreach_on_whatsapp_and_schedules_the_win_back_call()
    {
        var user = world.NewUser(LifecycleStage.Engaged);
        world.Catalog["at_risk_outreach"] = world.Catalog[MessagingWorld.Order];

        await ReachOut().HandleAsync(new UserStageChanged(user.Id, LifecycleStage.AtRisk, LifecycleStage.Engaged, TestUsers.T0), CancellationToken.None);
        var beforeAtRisk = world.QueuedSends().Count;
        await ReachOut().HandleAsync(new UserStageChanged(user.Id, LifecycleStage.Engaged, LifecycleStage.AtRisk, TestUsers.T0), CancellationToken.None);

        Assert.Equal(0, beforeAtRisk);
        var message = Assert.Single(world.QueuedSends());
        Assert.Equal(("at_risk_outreach", Channel.WhatsApp, "Priya"), (message.Notification, message.Channel, message.Variables["name"]));
        Assert.Equal(
            [(FollowUps.Key(user.Id, "win-back-call"), TestUsers.T0 + TimeSpan.FromDays(1), (ITimerCommand)new RequestCallIfStill(user.Id.Value, CallPurpose.WinBack, LifecycleStage.AtRisk))],
            world.Timers.Scheduled);
    }

    [Theory]
    [InlineData(LifecycleStage.AtRisk, true)]
    [InlineData(LifecycleStage.Engaged, false)]
    public async Task The_win_back_call_is_requested_only_while_the_user_is_at_risk(LifecycleStage stage, bool requested)
    {
        var user = world.NewUser(stage);

        await new RequestCallIfStillHandler(world.Users, calls.Requests(world))
            .Handle(new RequestCallIfStill(user.Id.Value, CallPurpose.WinBack, LifecycleStage.AtRisk), CancellationToken.None);

        Assert.Equal(requested ? [(user.Id, CallPurpose.WinBack)] : [], calls.Added.Select(call => (call.UserId, call.Purpose)));
        Assert.Equal(requested ? 1 : 0, world.Outbox.Of<PlaceCall>().Count());
    }

    [Theory]
    [InlineData(LifecycleStage.Onboarding, true)]
    [InlineData(LifecycleStage.Activated, false)]
    public async Task The_activation_call_is_requested_only_while_the_user_is_onboarding(LifecycleStage stage, bool requested)
    {
        var user = world.NewUser(stage);

        await new RequestCallIfStillHandler(world.Users, calls.Requests(world))
            .Handle(new RequestCallIfStill(user.Id.Value, CallPurpose.Activation, LifecycleStage.Onboarding), CancellationToken.None);

        Assert.Equal(requested ? [(user.Id, CallPurpose.Activation)] : [], calls.Added.Select(call => (call.UserId, call.Purpose)));
    }

    [Theory]
    [InlineData("CMP_activation_d7", 1)]
    [InlineData(null, 0)]
    public async Task A_response_cancels_every_follow_up_and_unenrols_only_a_user_in_a_campaign(string? campaign, int unenrolments)
    {
        var user = UserId.New();

        await new CancelFollowUpsOnResponse(world.Timers, world.Outbox).HandleAsync(new UserResponded(user, "event:login", campaign, TestUsers.T0), CancellationToken.None);

        Assert.Equal([FollowUps.Of(user)], world.Timers.CancelledPrefixes);
        Assert.Equal(unenrolments, world.Outbox.Of<UnenrollFromCampaign>().Count(message => message == new UnenrollFromCampaign(user.Value, "event:login")));
    }

    private RunInactivityScanHandler ScanHandler() =>
        new(inactive, world.Timers, Options.Create(new ActivationOptions()), Options.Create(new ChurnOptions()), world.Clock);

    private NudgeInactiveUserHandler NudgeHandler() =>
        new(world.Users, new ActivationNudge(world.Outbox, world.Timers, Options.Create(new ActivationOptions()), Options.Create(new CampaignOptions())), world.Clock);

    private ReachOutWhenAtRisk ReachOut() => new(world.Users, world.Conversations, world.Ladder, world.Timers, Options.Create(new ChurnOptions()));

    private sealed class FakeInactiveUsers : IInactiveUsers
    {
        public List<UserId> Onboarding { get; } = [];

        public List<UserId> Engaged { get; } = [];

        public DateTimeOffset? NudgeBefore { get; private set; }

        public DateTimeOffset? InactiveBefore { get; private set; }

        public Task<IReadOnlyList<UserId>> DueForActivationNudgeAsync(DateTimeOffset seenBefore, CancellationToken ct)
        {
            NudgeBefore = seenBefore;
            return Task.FromResult<IReadOnlyList<UserId>>(Onboarding);
        }

        public Task<IReadOnlyList<UserId>> InactiveAsync(LifecycleStage stage, DateTimeOffset seenBefore, CancellationToken ct)
        {
            InactiveBefore = seenBefore;
            return Task.FromResult<IReadOnlyList<UserId>>(stage == LifecycleStage.Engaged ? Engaged : []);
        }
    }

    private sealed class FakeCalls : ICallRepository
    {
        public List<Call> Added { get; } = [];

        public CallRequests Requests(MessagingWorld world) => new(this, world.Conversations, world.Outbox, world.Clock);

        public Task<Call?> FindAsync(Guid id, CancellationToken ct) => Task.FromResult(Added.SingleOrDefault(call => call.Id == id));

        public Task<Call?> FindByCallSidAsync(string callSid, CancellationToken ct) => Task.FromResult(Added.SingleOrDefault(call => call.CallSid == callSid));

        public Task<Call?> FindLatestForChatSessionAsync(string chatSessionId, CancellationToken ct) =>
            Task.FromResult(Added.LastOrDefault(call => call.ChatSessionId == chatSessionId));

        public void Add(Call call) => Added.Add(call);
    }
}
