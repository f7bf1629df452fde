using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// Timers through the churn-prevention flow (guide §4.3): AT_RISK → the WhatsApp outreach and, 24 h without a response,
/// the win-back call.
/// </summary>
public abstract class TimerTests(AppFixture fixture)
{
    private readonly LifecycleApp app = fixture.App;

    [Fact]
    public async Task At_risk_sends_the_whatsapp_outreach_and_requests_the_win_back_call_once_after_a_day()
    {
        var user = await EngagedUserAsync();
        await PostEventAsync(user, "usage_drop");

        var outreach = await app.QueryAsync(db => db.OutboundMessages.AsNoTracking().Where(message => message.UserId == user.Id && message.Notification == "at_risk_outreach").ToListAsync());
        Assert.Equal(Channel.WhatsApp, Assert.Single(outreach).Channel);
        app.Clock.Advance(TimeSpan.FromHours(23));
        await FireDueTimersAsync();
        var early = (await CallsAsync(user)).Count;
        app.Clock.Advance(TimeSpan.FromHours(1));
        await FireDueTimersAsync();
        app.Clock.Advance(TimeSpan.FromDays(30));
        await FireDueTimersAsync();

        Assert.Equal(0, early);
        var call = Assert.Single(await CallsAsync(user));
        Assert.Equal((CallPurpose.WinBack, 1), (call.Purpose, call.Attempt));
        Assert.Single(await PlaceCallRowsAsync(call));
        Assert.Equal(WorkStatus.Done, await CampaignFlowTests.FollowUpStatusAsync(app, user, "win-back-call"));
    }

    [Fact]
    public async Task A_response_cancels_the_win_back_call_which_then_never_fires()
    {
        var user = await EngagedUserAsync();
        await PostEventAsync(user, "usage_drop");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await PostEventAsync(user, "login");

        app.Clock.Advance(TimeSpan.FromDays(30));
        await FireDueTimersAsync();

        Assert.Equal(WorkStatus.Cancelled, await CampaignFlowTests.FollowUpStatusAsync(app, user, "win-back-call"));
        Assert.Empty(await CallsAsync(user));
        Assert.Equal("ENGAGED", await StageAsync(user));
    }

    [Fact]
    public async Task A_user_no_longer_at_risk_when_the_timer_fires_gets_no_call()
    {
        var user = await EngagedUserAsync();
        await PostEventAsync(user, "usage_drop");
        await app.InScopeAsync(async services =>
        {
            // Leaves AT_RISK without a response of theirs (an agent's decision, say): the timer stays, its check holds.
            var db = services.GetRequiredService<Lifecycle.Infrastructure.Common.Persistence.LifecycleDbContext>();
            var stored = await db.Users.SingleAsync(candidate => candidate.Id == user.Id);
            stored.TransitionTo(LifecycleStage.Churned, "offer_declined", "test", app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        app.Clock.Advance(TimeSpan.FromDays(2));
        await FireDueTimersAsync();

        Assert.Empty(await CallsAsync(user));
        Assert.Equal(WorkStatus.Done, await CampaignFlowTests.FollowUpStatusAsync(app, user, "win-back-call"));
    }

    private async Task<User> EngagedUserAsync()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        await PostEventAsync(user, "key_action");
        app.Clock.Advance(TimeSpan.FromDays(1));
        await PostEventAsync(user, "usage");
        Assert.Equal("ENGAGED", await StageAsync(user));
        return user;
    }

    private async Task PostEventAsync(User user, string type) =>
        Assert.Equal(HttpStatusCode.Accepted, (await app.Api().PostAsJsonAsync($"/api/users/{user.Id}/events", new { type })).StatusCode);

    private Task<int> FireDueTimersAsync() => app.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);

    private Task<List<Call>> CallsAsync(User user) =>
        app.QueryAsync(db => db.Set<Call>().AsNoTracking().Where(call => call.UserId == user.Id).ToListAsync());

    private Task<List<OutboxMessageRow>> PlaceCallRowsAsync(Call call) =>
        app.QueryAsync(db => db.Outbox.AsNoTracking()
            .Where(row => row.Type == nameof(PlaceCall) && row.Status == WorkStatus.Pending && row.Payload.Contains(call.Id.ToString()))
            .ToListAsync());

    private async Task<string?> StageAsync(User user) =>
        (await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}")).GetProperty("stage").GetString();
}

public sealed class TimersOnSqlite(SqliteApp fixture) : TimerTests(fixture), IClassFixture<SqliteApp>;

public sealed class TimersOnPostgres(PostgresApp fixture) : TimerTests(fixture), IClassFixture<PostgresApp>;
