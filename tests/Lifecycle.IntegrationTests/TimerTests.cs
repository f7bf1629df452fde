using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>The churn-inactivity timer (policies.md: ENGAGED with no activity for 14 days → AT_RISK).</summary>
public abstract class TimerTests(AppFixture fixture)
{
    private readonly LifecycleApp app = fixture.App;

    [Fact]
    public async Task An_inactivity_timer_fires_once_when_time_passes_its_due_time()
    {
        var user = await EngagedUserAsync();

        app.Clock.Advance(TimeSpan.FromDays(13));
        await FireDueTimersAsync();
        var early = (await StageAsync(user), (await TimerAsync(user)).Single().Status);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await FireDueTimersAsync();
        app.Clock.Advance(TimeSpan.FromDays(30));
        await FireDueTimersAsync();

        Assert.Equal(("ENGAGED", WorkStatus.Pending), early);
        Assert.Equal("AT_RISK", await StageAsync(user));
        Assert.Single(await TriggersAsync(user), trigger => trigger == "inactive");
        Assert.Equal(WorkStatus.Done, (await TimerAsync(user)).Single().Status);
    }

    [Fact]
    public async Task A_cancelled_timer_never_fires()
    {
        var user = await EngagedUserAsync();
        await PostEventAsync(user, "usage_drop");

        app.Clock.Advance(TimeSpan.FromDays(30));
        await FireDueTimersAsync();

        Assert.Equal(WorkStatus.Cancelled, (await TimerAsync(user)).Single().Status);
        Assert.DoesNotContain("inactive", await TriggersAsync(user));
    }

    [Fact]
    public async Task Activity_pushes_the_inactivity_deadline_back()
    {
        var user = await EngagedUserAsync();
        app.Clock.Advance(TimeSpan.FromDays(10));
        await PostEventAsync(user, "login");

        app.Clock.Advance(TimeSpan.FromDays(5));
        await FireDueTimersAsync();
        var afterFirstDeadline = await StageAsync(user);
        app.Clock.Advance(TimeSpan.FromDays(10));
        await FireDueTimersAsync();

        Assert.Equal("ENGAGED", afterFirstDeadline);
        Assert.Equal("AT_RISK", await StageAsync(user));
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

    private Task<List<TimerRow>> TimerAsync(User user) =>
        app.QueryAsync(db => db.Timers.AsNoTracking().Where(row => row.Key == $"churn-inactivity:{user.Id}").ToListAsync());

    private async Task<string?> StageAsync(User user) =>
        (await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}")).GetProperty("stage").GetString();

    private async Task<List<string?>> TriggersAsync(User user) =>
        [.. (await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}/timeline")).GetProperty("items").EnumerateArray()
            .Select(entry => entry.GetProperty("trigger").GetString())];
}

public sealed class TimersOnSqlite(SqliteApp fixture) : TimerTests(fixture), IClassFixture<SqliteApp>;

public sealed class TimersOnPostgres(PostgresApp fixture) : TimerTests(fixture), IClassFixture<PostgresApp>;
