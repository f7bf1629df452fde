using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Cqa;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>Guide §3.7 and §5 through HTTP and the sandbox: ingest of a recorded call, CQA's signed callbacks, the review lists.</summary>
public abstract class CqaFlowTests(StoreKind kind)
{
    private const string CqaSecret = "integration-cqa-secret";

    [Fact]
    public async Task A_recorded_agent_call_is_ingested_with_its_metadata_and_the_sandboxs_low_score_enrols_the_user_and_makes_them_at_risk()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Engaged);
        await sandbox.AddScenarioAsync(new { product = "cqa", phone = user.Id.ToString(), score = 45 });

        (await app.Api().PostAsJsonAsync($"/api/users/{user.Id}/calls", new { purpose = "agent", agentId = "agent-42" })).EnsureSuccessStatusCode();
        await DispatchAsync(app);
        await sandbox.ProcessUntilAsync(async () => await InteractionAsync(app, user) is not null, "the recorded call");
        await DispatchAsync(app);

        var call = await app.QueryAsync(db => db.Set<Call>().AsNoTracking().SingleAsync(c => c.UserId == user.Id));
        var ingest = JsonDocument.Parse(Assert.Single(await sandbox.RequestsAsync("cqa")).GetProperty("body").GetString()!).RootElement;
        Assert.Equal(($"call-{call.CallSid}", "VOICE", call.RecordingUrl, call.DurationSeconds ?? 0),
            (ingest.GetProperty("external_interaction_id").GetString(), ingest.GetProperty("channel_type").GetString(),
                ingest.GetProperty("audio_url").GetString(), ingest.GetProperty("duration_seconds").GetInt32()));
        Assert.Equal(
            new Dictionary<string, string> { ["user_id"] = user.Id.ToString(), ["lifecycle_stage"] = "ENGAGED", ["agent_id"] = "agent-42" },
            ingest.GetProperty("metadata").Deserialize<Dictionary<string, string>>());

        await sandbox.ProcessUntilAsync(async () => (await InteractionAsync(app, user))!.Status == InteractionStatus.Completed, "the analysis");
        await DispatchAsync(app);

        var stored = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal((LifecycleStage.AtRisk, 45.0), (stored.Stage, stored.CqaLastScore));
        var interaction = (await InteractionAsync(app, user))!;
        Assert.Equal((45.0, 3), (interaction.FinalScore, interaction.Kpis.Count));
        var enrol = Assert.Single(await sandbox.RequestsAsync("campaigns"), request => request.GetProperty("path").GetString()!.EndsWith("/Campaigns/enroll", StringComparison.Ordinal));
        Assert.Contains("CMP_post_call_recovery", enrol.GetProperty("body").GetString(), StringComparison.Ordinal);
        var conversation = await app.QueryAsync(db => db.Set<Conversation>().AsNoTracking().SingleAsync(c => c.Id == call.ConversationId));
        Assert.Equal(45.0, conversation.CqaScore);
        Assert.EndsWith($"/sandbox/cqa/call-{call.CallSid}/transcript", conversation.TranscriptUrl, StringComparison.Ordinal);
        var timeline = await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}/timeline");
        var cqa = Assert.Single(timeline.GetProperty("items").EnumerateArray(), entry => entry.GetProperty("kind").GetString() == "cqa");
        Assert.Equal(($"call-{call.CallSid}", 45.0), (cqa.GetProperty("interactionId").GetString(), cqa.GetProperty("finalScore").GetDouble()));
    }

    [Fact]
    public async Task A_transient_ingest_failure_is_retried_by_the_outbox_and_a_refusal_fails_the_interaction_with_one_warning()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind), new Dictionary<string, string?> { ["Exotel:Resilience:MaxRetries"] = "0" });
        var sandbox = new SandboxControl(app);
        var retried = await Arrange.UserInStageAsync(app, LifecycleStage.Engaged);
        var refused = await Arrange.UserInStageAsync(app, LifecycleStage.Engaged);
        await PendingInteractionAsync(app, retried, "call-CA-retried");
        await PendingInteractionAsync(app, refused, "call-CA-refused");
        await sandbox.AddScenarioAsync(new { product = "cqa", phone = "call-CA-retried", httpStatus = 500, times = 1 });
        await sandbox.AddScenarioAsync(new { product = "cqa", phone = "call-CA-refused", httpStatus = 400 });

        await DispatchAsync(app);
        var afterFirst = (await InteractionAsync(app, retried))!.Status;
        app.Clock.Advance(TimeSpan.FromHours(1));
        await DispatchAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await DispatchAsync(app);

        Assert.Equal(InteractionStatus.Pending, afterFirst);
        Assert.Equal(InteractionStatus.Ingested, (await InteractionAsync(app, retried))!.Status);
        var failed = (await InteractionAsync(app, refused))!;
        Assert.Equal(InteractionStatus.Failed, failed.Status);
        Assert.StartsWith("BAD_REQUEST", failed.Failure, StringComparison.Ordinal);
        Assert.Equal(3, (await sandbox.RequestsAsync("cqa")).Count);
        Assert.Single(app.Logs.Alarming, entry => entry.Message.Contains("call-CA-refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_completed_callback_stores_the_scores_and_a_redelivery_is_a_duplicate_that_changes_nothing()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Engaged);
        await IngestedInteractionAsync(app, user, "call-2026-04-01-001");
        var body = ExotelFixtures.Read("cqa-webhook-completed.json").Replace("85.0", "62.0", StringComparison.Ordinal);

        var first = await PostAsync(app, body, Webhook.Sign(CqaSecret, body));
        await new SandboxControl(app).ProcessCallbacksAsync(0);
        var again = await PostAsync(app, body, Webhook.Sign(CqaSecret, body));
        await new SandboxControl(app).ProcessCallbacksAsync(0);

        Assert.Equal(("accepted", "duplicate"), (await AnswerAsync(first), await AnswerAsync(again)));
        var interaction = (await InteractionAsync(app, user))!;
        Assert.Equal((InteractionStatus.Completed, 62.0, (double?)62.0, "a1b2c3d4-e5f6-7890-abcd-ef1234567890"),
            (interaction.Status, interaction.FinalScore, interaction.CriticalityAdjustedScore, interaction.AnalysisId));
        Assert.Equal([new KpiResult("kpi-101", null, "cat-01", "Yes", "The agent greeted the customer by name.", null, 5.0, null)], interaction.Kpis);
        var tasks = await app.Api().GetFromJsonAsync<JsonElement>("/api/qa-tasks?status=open");
        Assert.Equal(1, tasks.GetProperty("total").GetInt32());
        var task = tasks.GetProperty("items")[0];
        Assert.Equal((user.Id.ToString(), "call-2026-04-01-001", 62.0, "open"),
            (task.GetProperty("userId").GetString(), task.GetProperty("interactionId").GetString(), task.GetProperty("score").GetDouble(), task.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("signed-with-the-exotel-secret")]
    public async Task An_unsigned_or_wrongly_signed_cqa_callback_is_401_and_changes_nothing(string? signature)
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Engaged);
        await IngestedInteractionAsync(app, user, "call-2026-04-01-001");
        var body = ExotelFixtures.Read("cqa-webhook-completed.json");

        var response = await PostAsync(app, body, signature == "signed-with-the-exotel-secret" ? Webhook.Sign(LifecycleApp.ExotelSecret, body) : signature);
        await new SandboxControl(app).ProcessCallbacksAsync(0);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Inbox.CountAsync(row => row.Source == "cqa")));
        Assert.Equal(InteractionStatus.Ingested, (await InteractionAsync(app, user))!.Status);
    }

    [Fact]
    public async Task An_interaction_event_without_its_interaction_is_400_and_an_unknown_event_is_accepted()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        const string missing = """{"event":"INTERACTION_ANALYSIS_COMPLETED","deliveryId":"d-1","data":{"finalScore":80}}""";
        const string unknown = """{"event":"SOMETHING_NEW","deliveryId":"d-2"}""";

        var refused = await PostAsync(app, missing, Webhook.Sign(CqaSecret, missing));
        var accepted = await PostAsync(app, unknown, Webhook.Sign(CqaSecret, unknown));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("externalInteractionId", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(["d-2"], await app.QueryAsync(db => db.Inbox.Where(row => row.Source == "cqa").Select(row => row.EventKey).ToListAsync()));
    }

    [Fact]
    public async Task Qa_tasks_and_compliance_alerts_are_listed_newest_first_by_status_and_bad_paging_is_a_problem_naming_the_field()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Engaged);
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LifecycleDbContext>();
            db.Set<QaTask>().Add(QaTask.Open(user.Id, "call-CA1", "agent-1", 55, app.Clock.GetUtcNow()));
            db.Set<QaTask>().Add(QaTask.Open(user.Id, "call-CA2", "agent-2", 65, app.Clock.GetUtcNow().AddMinutes(1)));
            db.Set<ComplianceAlert>().Add(ComplianceAlert.Raise(user.Id, "call-CA3", "agent-3", 40, ["kpi-7", "kpi-9"], app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        var tasks = await app.Api().GetFromJsonAsync<JsonElement>("/api/qa-tasks?status=open&page=1&pageSize=1");
        var done = await app.Api().GetFromJsonAsync<JsonElement>("/api/qa-tasks?status=done");
        var alerts = await app.Api().GetFromJsonAsync<JsonElement>("/api/compliance-alerts");
        var tooLarge = await app.Api().GetAsync("/api/qa-tasks?pageSize=201");
        var badStatus = await app.Api().GetAsync("/api/compliance-alerts?status=closed");

        Assert.Equal((2, 1, 1), (tasks.GetProperty("total").GetInt32(), tasks.GetProperty("page").GetInt32(), tasks.GetProperty("pageSize").GetInt32()));
        Assert.Equal(("call-CA2", "agent-2"), (tasks.GetProperty("items")[0].GetProperty("interactionId").GetString(), tasks.GetProperty("items")[0].GetProperty("agentId").GetString()));
        Assert.Equal(0, done.GetProperty("total").GetInt32());
        var alert = Assert.Single(alerts.GetProperty("items").EnumerateArray());
        Assert.Equal((user.Id.ToString(), "call-CA3", "agent-3", "open"),
            (alert.GetProperty("userId").GetString(), alert.GetProperty("interactionId").GetString(), alert.GetProperty("agentId").GetString(), alert.GetProperty("status").GetString()));
        Assert.Equal(["kpi-7", "kpi-9"], alert.GetProperty("kpis").EnumerateArray().Select(kpi => kpi.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("pageSize", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("status", await badStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unauthenticated = await app.CreateClient().GetAsync("/api/qa-tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    private static Task IngestedInteractionAsync(LifecycleApp app, User user, string externalId) =>
        app.InScopeAsync(services => StoreInteractionAsync(services, app, user, externalId, interaction => interaction.MarkIngested(app.Clock.GetUtcNow())));

    /// <summary>A recorded interaction waiting for the outbox to hand it to CQA.</summary>
    private static Task PendingInteractionAsync(LifecycleApp app, User user, string externalId) =>
        app.InScopeAsync(services => StoreInteractionAsync(services, app, user, externalId, interaction =>
            services.GetRequiredService<IOutbox>().Enqueue(new IngestInteraction(interaction.Id))));

    private static async Task StoreInteractionAsync(IServiceProvider services, LifecycleApp app, User user, string externalId, Action<Interaction> then)
    {
        var db = services.GetRequiredService<LifecycleDbContext>();
        var interaction = Interaction.Record(
            new InteractionSubject(externalId, user.Id, InteractionChannel.Voice, Guid.NewGuid(), user.Stage, app.Clock.GetUtcNow(), 60)
            {
                CallSid = externalId["call-".Length..],
                AudioUrl = "https://recordings.test/1.wav",
            },
            app.Clock.GetUtcNow());
        db.Set<Interaction>().Add(interaction);
        then(interaction);
        await db.SaveChangesAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(LifecycleApp app, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/cqa") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-CQA-Signature", signature);
        }

        return app.CreateClient().SendAsync(request);
    }

    private static async Task<string?> AnswerAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();

    private static Task<Interaction?> InteractionAsync(LifecycleApp app, User user) =>
        app.QueryAsync(db => db.Set<Interaction>().AsNoTracking().FirstOrDefaultAsync(interaction => interaction.UserId == user.Id));

    private static Task<int> DispatchAsync(LifecycleApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
}

public sealed class CqaFlowOnSqlite() : CqaFlowTests(StoreKind.Sqlite);

public sealed class CqaFlowOnPostgres() : CqaFlowTests(StoreKind.Postgres);
