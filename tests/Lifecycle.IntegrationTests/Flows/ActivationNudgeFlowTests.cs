using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Flows;

/// <summary>
/// Guide §4.2 end to end: an ONBOARDING user inactive for a week is found by the daily scan, enrolled in the activation
/// drip, and called by the activation voicebot when the drip draws no response — with each of the call's outcomes.
/// </summary>
public abstract class ActivationNudgeFlowTests(StoreKind kind)
{
    [Fact]
    public async Task A_week_inactive_user_is_enrolled_then_called_and_activated_by_the_voicebot()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.OnboardAsync(phone, "Meera");

        // Six days on, nobody is due; on the seventh the scan finds the user and enrolls them in the activation drip.
        await flow.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Equal(0, (await flow.ScanAsync()).Nudged);
        await flow.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(1, (await flow.ScanAsync()).Nudged);
        var enrolment = Assert.Single(await flow.Sandbox.AcceptedAsync("enrollments", phone));
        Assert.Contains("CMP_activation_d7", enrolment.ToString());
        Assert.Equal("CMP_activation_d7", (await flow.UserAsync(userId)).GetProperty("activeCampaignId").GetString());

        // A second scan the same day changes nothing.
        Assert.Equal(0, (await flow.ScanAsync()).Nudged);
        Assert.Single(await flow.Sandbox.AcceptedAsync("enrollments", phone));

        // 96 hours without a response: the activation voicebot calls, and the user finishes setting up on the call.
        await flow.Sandbox.AddScenarioAsync(new { product = "voicebot", phone, outcome = "activated" });
        await flow.AdvanceAsync(TimeSpan.FromHours(95));
        Assert.Empty(await flow.CallsPlacedAsync(phone));
        await flow.AdvanceAsync(TimeSpan.FromHours(1));
        var call = Assert.Single(await flow.CallsPlacedAsync(phone));
        Assert.Contains("exoml/start_voice/voicebot-activation", call.ToString());
        await flow.UntilStageAsync(userId, "ACTIVATED");

        var transitions = await flow.EntriesAsync(userId, "transition");
        Assert.Equal(["ACQUIRED", "ONBOARDING", "ACTIVATED"], transitions.Select(entry => FlowDriver.Text(entry, "to")));
        var calls = await flow.EntriesAsync(userId, "call");
        Assert.Equal(("activation", "completed"), (FlowDriver.Text(calls[^1], "purpose"), FlowDriver.Text(calls[^1], "status")));
    }

    [Fact]
    public async Task Two_unanswered_activation_calls_make_the_user_at_risk_and_start_the_churn_flow()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.NudgedAsync(phone);
        await flow.Sandbox.AddScenarioAsync(new { product = "voicebot", phone, outcome = "unanswered" });

        await flow.AdvanceAsync(TimeSpan.FromDays(4));
        await flow.UntilAsync(async () => (await flow.EntriesAsync(userId, "call")).Any(entry => FlowDriver.Text(entry, "status") == "no_answer"), "the first call's end");
        Assert.Equal("ONBOARDING", await flow.StageAsync(userId));

        // Retried after two hours; unanswered again → AT_RISK, and no third call.
        await flow.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(2, (await flow.CallsPlacedAsync(phone)).Count);
        await flow.UntilStageAsync(userId, "AT_RISK");
        await flow.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(2, (await flow.CallsPlacedAsync(phone)).Count);

        // The churn flow begins: the proactive WhatsApp outreach.
        Assert.Contains(await flow.EntriesAsync(userId, "message"), entry => FlowDriver.Text(entry, "notification") == "at_risk_outreach");
        Assert.Contains(await flow.Sandbox.AcceptedAsync("whatsApp", phone), message => message.ToString().Contains("chat_with_us", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_escalated_activation_call_is_handed_to_the_onboarding_agents()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.NudgedAsync(phone);
        await flow.Sandbox.AddScenarioAsync(new { product = "voicebot", phone, outcome = "escalated" });

        await flow.AdvanceAsync(TimeSpan.FromDays(4));

        await flow.UntilAsync(
            async () => (await flow.EntriesAsync(userId, "chat")).Any(entry => FlowDriver.Text(entry, "detail") == "onboarding-agents"), "the agent leg");
        Assert.Equal("ONBOARDING", await flow.StageAsync(userId));
    }

    [Fact]
    public async Task A_response_to_the_drip_cancels_the_call_and_leaves_the_campaign()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.NudgedAsync(phone);

        await flow.AdvanceAsync(TimeSpan.FromDays(1));
        await flow.Sandbox.WriteOnWhatsAppAsync(phone, body: "I'll finish it today");
        await flow.UntilAsync(async () => (await flow.UserAsync(userId)).GetProperty("activeCampaignId").ValueKind == System.Text.Json.JsonValueKind.Null, "the unenrolment");
        await flow.AdvanceAsync(TimeSpan.FromDays(4));

        Assert.Empty(await flow.CallsPlacedAsync(phone));
        Assert.Contains(await flow.Sandbox.AcceptedAsync("enrollments", phone), enrolment => enrolment.ToString().Contains("false", StringComparison.Ordinal));
    }
}

public sealed class ActivationNudgeFlowOnSqlite() : ActivationNudgeFlowTests(StoreKind.Sqlite);

public sealed class ActivationNudgeFlowOnPostgres() : ActivationNudgeFlowTests(StoreKind.Postgres);
