using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Flows;

/// <summary>
/// Guide §4.3 end to end: an ENGAGED user silent for two weeks becomes AT_RISK through the daily scan, gets the proactive
/// WhatsApp outreach, and — without a response for a day — the win-back voicebot call, whose outcome decides.
/// </summary>
public abstract class ChurnPreventionFlowTests(StoreKind kind)
{
    [Theory]
    [InlineData("offer_accepted", "ENGAGED")]
    [InlineData("declined", "CHURNED")]
    public async Task An_inactive_engaged_user_is_reached_out_to_then_called_and_the_offer_decides(string outcome, string stage)
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.EngageAsync(phone, "Kabir");

        await flow.AdvanceAsync(TimeSpan.FromDays(13));
        Assert.Equal(0, (await flow.ScanAsync()).MarkedAtRisk);
        await flow.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(1, (await flow.ScanAsync()).MarkedAtRisk);
        Assert.Equal("AT_RISK", await flow.StageAsync(userId));
        Assert.Contains(await flow.Sandbox.AcceptedAsync("whatsApp", phone), message => message.ToString().Contains("chat_with_us", StringComparison.Ordinal));
        Assert.Equal(0, (await flow.ScanAsync()).MarkedAtRisk);

        await flow.Sandbox.AddScenarioAsync(new { product = "voicebot", phone, outcome });
        await flow.AdvanceAsync(TimeSpan.FromHours(23));
        Assert.Empty(await flow.CallsPlacedAsync(phone));
        await flow.AdvanceAsync(TimeSpan.FromHours(1));
        var call = Assert.Single(await flow.CallsPlacedAsync(phone));
        Assert.Contains("exoml/start_voice/voicebot-win-back", call.ToString());
        await flow.UntilStageAsync(userId, stage);

        var transitions = await flow.EntriesAsync(userId, "transition");
        Assert.Equal(["AT_RISK", stage], transitions.TakeLast(2).Select(entry => FlowDriver.Text(entry, "to")));
        Assert.Equal("inactive", FlowDriver.Text(transitions[^2], "trigger"));
        Assert.Contains(await flow.EntriesAsync(userId, "call"), entry => FlowDriver.Text(entry, "purpose") == "win_back");
    }

    [Fact]
    public async Task An_escalated_win_back_call_is_handed_to_the_retention_agents()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.EngageAsync(phone, "Kabir");
        await flow.EventAsync(userId, "usage_drop");
        Assert.Equal("AT_RISK", await flow.StageAsync(userId));
        await flow.DispatchAsync();
        await flow.Sandbox.AddScenarioAsync(new { product = "voicebot", phone, outcome = "escalated" });

        await flow.AdvanceAsync(TimeSpan.FromDays(1));

        await flow.UntilAsync(
            async () => (await flow.EntriesAsync(userId, "chat")).Any(entry => FlowDriver.Text(entry, "detail") == "retention-agents"), "the retention agent leg");
        Assert.Equal("AT_RISK", await flow.StageAsync(userId));
    }

    [Fact]
    public async Task A_login_before_the_call_cancels_it()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.EngageAsync(phone, "Kabir");
        await flow.EventAsync(userId, "billing_flag");
        await flow.DispatchAsync();

        await flow.AdvanceAsync(TimeSpan.FromHours(12));
        await flow.EventAsync(userId, "login");
        await flow.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal("ENGAGED", await flow.StageAsync(userId));
        Assert.Empty(await flow.CallsPlacedAsync(phone));
    }
}

public sealed class ChurnPreventionFlowOnSqlite() : ChurnPreventionFlowTests(StoreKind.Sqlite);

public sealed class ChurnPreventionFlowOnPostgres() : ChurnPreventionFlowTests(StoreKind.Postgres);
