using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Cqa;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Tests.Voice;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Lifecycle.Application.Tests.Cqa;

internal sealed class FakeInteractions : IInteractionRepository
{
    public List<Interaction> All { get; } = [];

    public Task<Interaction?> FindAsync(Guid id, CancellationToken ct) => Task.FromResult(All.Find(interaction => interaction.Id == id));

    public Task<Interaction?> FindByExternalIdAsync(string externalId, CancellationToken ct) =>
        Task.FromResult(All.Find(interaction => interaction.ExternalId == externalId));

    public void Add(Interaction interaction) => All.Add(interaction);
}

internal sealed class FakeQualityReviews : IQualityReviews
{
    public List<QaTask> Tasks { get; } = [];

    public List<ComplianceAlert> Alerts { get; } = [];

    public void Add(QaTask task) => Tasks.Add(task);

    public void Add(ComplianceAlert alert) => Alerts.Add(alert);

    public Task<Paged<QaTask>> ListTasksAsync(string? status, PageRequest page, CancellationToken ct) => Task.FromResult(Page(Tasks, page));

    public Task<Paged<ComplianceAlert>> ListAlertsAsync(string? status, PageRequest page, CancellationToken ct) => Task.FromResult(Page(Alerts, page));

    private static Paged<T> Page<T>(List<T> items, PageRequest page) => new([.. items.Skip(page.Skip).Take(page.PageSize)], page.Page, page.PageSize, items.Count);
}

internal sealed class FakeQualityAnalysis : IQualityAnalysis
{
    public List<InteractionSubmission> Ingested { get; } = [];

    public IngestResult Answer { get; set; } = new IngestResult.Accepted();

    public InteractionTranscript? Transcript { get; set; }

    public Task<IngestResult> IngestAsync(InteractionSubmission submission, CancellationToken ct)
    {
        Ingested.Add(submission);
        return Task.FromResult(Answer);
    }

    public Task<InteractionTranscript?> GetTranscriptAsync(string externalId, CancellationToken ct) => Task.FromResult(Transcript);
}

/// <summary>The CQA use cases over fakes of their ports, with the defaults of policies.md.</summary>
internal sealed class CqaWorld
{
    public const string CallSid = "CA77";
    public const string Agent = "agent-42";

    public FakeTimeProvider Clock { get; } = new(TestUsers.T0);

    public FakeUserRepository Users { get; } = new();

    public FakeCallRepository Calls { get; } = new();

    public FakeConversationRepository Conversations { get; } = new();

    public FakeTicketRepository Tickets { get; } = new();

    public FakeInteractions Interactions { get; } = new();

    public FakeQualityReviews Reviews { get; } = new();

    public FakeQualityAnalysis Analysis { get; } = new();

    public FakeOutbox Outbox { get; } = new();

    public FakeTimers Timers { get; } = new();

    public FakeUnitOfWork UnitOfWork { get; } = new();

    public CqaOptions Options { get; } = new() { CriticalKpis = ["kpi-compliance"] };

    public CampaignOptions Campaigns { get; } = new();

    public CapturingLogger<ApplyCqaEventHandler> EventLog { get; } = new();

    public CapturingLogger<IngestInteractionHandler> IngestLog { get; } = new();

    public User UserIn(LifecycleStage stage)
    {
        var user = TestUsers.InStage(stage, TestUsers.T0);
        Users.Add(user);
        return user;
    }

    /// <summary>An agent call that ended completed with a recording; its <see cref="CallRecorded"/> is returned.</summary>
    public (Call Call, CallRecorded Recorded) RecordedCall(User user, string? ticketId = null)
    {
        var call = new CallRequests(Calls, Conversations, Outbox, Clock).Request(user.Id, CallPurpose.Agent, agentId: Agent, ticketId: ticketId, chatSessionId: "CS9");
        call.StartPlacing(Clock.GetUtcNow());
        call.RecordPlaced(CallSid, Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromSeconds(183));
        call.End(CallSid, CallStatus.Completed, 183, "https://recordings.exotel.com/CA77.wav", Clock.GetUtcNow());
        Outbox.Enqueued.Clear();
        return (call, Assert.IsType<CallRecorded>(Assert.Single(call.DequeueDomainEvents())));
    }

    /// <summary>An interaction of <paramref name="user"/>'s recorded call, ingested and awaiting its analysis.</summary>
    public async Task<Interaction> IngestedCallAsync(User user, string? ticketId = null)
    {
        var (_, recorded) = RecordedCall(user, ticketId);
        await AnalyseRecordedCall().HandleAsync(recorded, CancellationToken.None);
        var interaction = Interactions.All.Single();
        interaction.MarkIngested(Clock.GetUtcNow());
        Outbox.Enqueued.Clear();
        return interaction;
    }

    public AnalyseRecordedCall AnalyseRecordedCall() => new(Calls, Intake());

    public AnalyseEndedChat AnalyseEndedChat() => new(Conversations, Intake());

    public IngestInteractionHandler Ingest() =>
        new(Interactions, Users, Conversations, Analysis, UnitOfWork, new IdempotencyScope { EventKey = "outbox:1" }, Clock, IngestLog);

    public ApplyCqaEventHandler ApplyEvent() =>
        new(Interactions, Decisions(), Outbox, MsOptions.Create(Options), Clock, EventLog);

    public FetchInteractionTranscriptHandler FetchTranscript() =>
        new(Interactions, new InteractionConversations(Conversations), Analysis, UnitOfWork, new IdempotencyScope { EventKey = "outbox:2" });

    public CallBackUnresolvedUserHandler CallBack() => new(Tickets, Users, new CallRequests(Calls, Conversations, Outbox, Clock));

    public Task CompleteAsync(string externalId, double score, IReadOnlyList<KpiResult>? kpis = null, string analysisId = "an-1", string deliveryId = "d-1") =>
        ApplyEvent().Handle(
            new ApplyCqaEvent(deliveryId, CqaEventKind.AnalysisCompleted, "INTERACTION_ANALYSIS_COMPLETED", externalId, new Analysis(analysisId, score, score - 2, kpis ?? [], [])),
            CancellationToken.None).AsTask();

    public Task FailAsync(string externalId, string deliveryId) =>
        ApplyEvent().Handle(
            new ApplyCqaEvent(deliveryId, CqaEventKind.AnalysisFailed, "INTERACTION_ANALYSIS_FAILED", externalId, Failure: "ANALYSIS_FAILED: timed out"),
            CancellationToken.None).AsTask();

    private QualityDecisions Decisions() =>
        new(Users, new InteractionConversations(Conversations), Tickets, Reviews, Outbox, Timers, MsOptions.Create(Options), MsOptions.Create(Campaigns), Clock);

    private InteractionIntake Intake() => new(Interactions, Users, Outbox, Clock);
}
