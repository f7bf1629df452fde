using System.Net;
using System.Net.Http.Json;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>The daily inactivity scan (policies.md: ONBOARDING ≥ 7 days → activation nudge, ENGAGED ≥ 14 days → AT_RISK).</summary>
public abstract class InactivityScanTests(StoreKind kind) : AppPerTest(kind)
{
    [Fact]
    public async Task The_scan_finds_exactly_the_users_inactive_long_enough_and_a_second_scan_finds_nothing_new()
    {
        var sevenDays = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        var fourteenDays = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        var activeAfterStageChange = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        App.Clock.Advance(TimeSpan.FromDays(1));
        var sixDays = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        var thirteenDays = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        App.Clock.Advance(TimeSpan.FromDays(2));
        await LoginAsync(activeAfterStageChange);
        App.Clock.Advance(TimeSpan.FromDays(4));

        var first = await ScanAsync();
        var second = await ScanAsync();

        Assert.Equal(new InactivityScanResult(1, 0), first);
        Assert.Equal(new InactivityScanResult(0, 0), second);
        Assert.Equal([sevenDays.Id.Value], await EnrolRequestsAsync());
        Assert.Equal(WorkStatus.Pending, await CampaignFlowTests.FollowUpStatusAsync(App, sevenDays, "activation-call"));

        App.Clock.Advance(TimeSpan.FromDays(7));
        var later = await ScanAsync();

        // Day 14: the 6-day user and the user active on day 3 are now due, the nudged one is not nudged twice; the
        // engaged user inactive since day 0 becomes AT_RISK, the one since day 1 is a day short.
        Assert.Equal(new InactivityScanResult(2, 1), later);
        Assert.Equal(
            new[] { sevenDays.Id.Value, sixDays.Id.Value, activeAfterStageChange.Id.Value }.Order(),
            (await EnrolRequestsAsync()).Order());
        Assert.Equal(
            [("AT_RISK", "inactive"), ("ENGAGED", "arrange")],
            [await LastTransitionAsync(fourteenDays), await LastTransitionAsync(thirteenDays)]);
        Assert.Equal(new InactivityScanResult(0, 0), await ScanAsync());
    }

    [Fact]
    public async Task Without_a_response_the_activation_call_is_requested_four_days_after_the_nudge_if_still_onboarding()
    {
        var onboarding = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        var activated = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        App.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(new InactivityScanResult(2, 0), await ScanAsync());
        await App.InScopeAsync(async services =>
        {
            // Activated by the chatbot meanwhile: not a response to the drip, but no longer ONBOARDING.
            var db = services.GetRequiredService<Lifecycle.Infrastructure.Common.Persistence.LifecycleDbContext>();
            (await db.Users.SingleAsync(user => user.Id == activated.Id)).TransitionTo(LifecycleStage.Activated, "chatbot:setup_complete", "test", App.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        App.Clock.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
        await FireDueTimersAsync();
        var early = await App.QueryAsync(db => db.Set<Call>().CountAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await FireDueTimersAsync();

        Assert.Equal(0, early);
        var call = Assert.Single(await App.QueryAsync(db => db.Set<Call>().AsNoTracking().ToListAsync()));
        Assert.Equal((onboarding.Id, CallPurpose.Activation), (call.UserId, call.Purpose));
        Assert.Equal(1, await App.QueryAsync(db => db.Outbox.CountAsync(row => row.Type == nameof(PlaceCall) && row.Payload.Contains(call.Id.ToString()))));
    }

    private Task<InactivityScanResult> ScanAsync() => CampaignFlowTests.ScanAsync(App);

    private Task<int> FireDueTimersAsync() => App.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);

    private async Task LoginAsync(User user) =>
        Assert.Equal(HttpStatusCode.Accepted, (await App.Api().PostAsJsonAsync($"/api/users/{user.Id}/events", new { type = "login" })).StatusCode);

    private async Task<List<Guid>> EnrolRequestsAsync() =>
        [.. (await App.QueryAsync(db => db.Outbox.AsNoTracking().Where(row => row.Type == nameof(EnrollInCampaign)).Select(row => row.Payload).ToListAsync()))
            .Select(payload => System.Text.Json.JsonSerializer.Deserialize<EnrollInCampaign>(payload, Lifecycle.Application.Common.Messaging.DurableMessageTypes.Json)!)
            .Select(message => { Assert.Equal("CMP_activation_d7", message.CampaignId); return message.UserId; })];

    private async Task<(string, string)> LastTransitionAsync(User user)
    {
        var last = await App.QueryAsync(db => db.StageTransitions.AsNoTracking().Where(t => t.UserId == user.Id).OrderByDescending(t => t.Sequence).FirstAsync());
        return (last.To.Name(), last.Trigger);
    }
}

public sealed class InactivityScanOnSqlite() : InactivityScanTests(StoreKind.Sqlite);

public sealed class InactivityScanOnPostgres() : InactivityScanTests(StoreKind.Postgres);
