using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Lifecycle.IntegrationTests;

/// <summary>Voicebot calls placed on the sandbox over real HTTP: its outcome per phone, its Passthru GET and its terminal callback.</summary>
public abstract class SandboxCallTests(StoreKind kind)
{
    [Fact]
    public async Task A_win_back_call_the_user_declines_reports_through_the_flows_passthru_and_its_callback_and_churns_the_user()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.AtRisk);
        var publicBase = app.Services.GetRequiredService<IConfiguration>()["Webhooks:PublicBaseUrl"];
        var sandbox = new SandboxControl(app);
        await sandbox.AddScenarioAsync(new
        {
            product = "voicebot", to = user.Phone!.Value, outcome = "declined",
            passthru = $"{publicBase}/webhooks/exotel/voicebot/{LifecycleApp.SandboxCallbackToken}",
        });

        var response = await app.Api().PostAsJsonAsync($"/api/users/{user.Id}/calls", new { purpose = "win_back" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
        await sandbox.ProcessCallbacksAsync(2);

        var stored = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(LifecycleStage.Churned, stored.Stage);
        var keys = await app.QueryAsync(db => db.Inbox.Where(row => row.Source == "voicebot").Select(row => row.EventKey).ToListAsync());
        Assert.Equal(2, keys.Count);
        Assert.Contains(keys, key => key.EndsWith("|declined|passthru-completed", StringComparison.Ordinal));
        Assert.Contains(keys, key => key.EndsWith("|declined|completed", StringComparison.Ordinal));
        var call = await app.QueryAsync(db => db.Set<Call>().AsNoTracking().SingleAsync(c => c.UserId == user.Id));
        Assert.Equal((CallStatus.Completed, "declined"), (call.Status, call.BotOutcome));
    }
}

public sealed class SandboxCallOnSqlite() : SandboxCallTests(StoreKind.Sqlite);

public sealed class SandboxCallOnPostgres() : SandboxCallTests(StoreKind.Postgres);
