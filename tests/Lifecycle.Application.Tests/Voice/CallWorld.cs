using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Voice;
using Lifecycle.Application.Voicebot;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Lifecycle.Application.Tests.Voice;

internal sealed class FakeCallRepository : ICallRepository
{
    public List<Call> All { get; } = [];

    public Task<Call?> FindAsync(Guid id, CancellationToken ct) => Task.FromResult(All.FirstOrDefault(call => call.Id == id));

    public Task<Call?> FindByCallSidAsync(string callSid, CancellationToken ct) => Task.FromResult(All.FirstOrDefault(call => call.CallSid == callSid));

    public Task<Call?> FindLatestForChatSessionAsync(string chatSessionId, CancellationToken ct) =>
        Task.FromResult(All.LastOrDefault(call => call.ChatSessionId == chatSessionId));

    public void Add(Call call) => All.Add(call);
}

internal sealed class FakeTicketRepository : ITicketRepository
{
    public List<Ticket> All { get; } = [];

    public Task<Ticket?> FindAsync(Guid id, CancellationToken ct) => Task.FromResult(All.Find(ticket => ticket.Id == id));

    public Task<Paged<Ticket>> ListAsync(string? status, TicketKind? kind, PageRequest page, CancellationToken ct)
    {
        var found = All.Where(ticket => (status is null || ticket.Status == status) && (kind is null || ticket.Kind == kind))
            .OrderByDescending(ticket => ticket.CreatedAt).ToList();
        return Task.FromResult(new Paged<Ticket>([.. found.Skip(page.Skip).Take(page.PageSize)], page.Page, page.PageSize, found.Count));
    }

    public void Add(Ticket ticket) => All.Add(ticket);
}

internal sealed class FakeCallGateway : ICallGateway
{
    public List<CallToPlace> Placed { get; } = [];

    public Func<CallToPlace, CallPlacementResult> Answer { get; set; } = _ => new CallPlacementResult.Placed("CA1");

    /// <summary>Runs while the gateway is asked: what the store looks like while Exotel is answering.</summary>
    public Action? While { get; set; }

    public Task<CallPlacementResult> PlaceAsync(CallToPlace call, CancellationToken ct)
    {
        Placed.Add(call);
        While?.Invoke();
        return Task.FromResult(Answer(call));
    }
}

/// <summary>The Voice and Voicebot use cases over fakes of their ports, with the defaults of policies.md.</summary>
internal sealed class CallWorld
{
    public FakeTimeProvider Clock { get; } = new(TestUsers.T0);

    public FakeUserRepository Users { get; } = new();

    public FakeCallRepository Calls { get; } = new();

    public FakeConversationRepository Conversations { get; } = new();

    public FakeTicketRepository Tickets { get; } = new();

    public FakeTimers Timers { get; } = new();

    public FakeOutbox Outbox { get; } = new();

    public FakeUnitOfWork UnitOfWork { get; } = new();

    public FakeCallGateway Gateway { get; } = new();

    public VoiceOptions Voice { get; } = new();

    public VoicebotOptions Voicebot { get; } = new();

    public CapturingLogger<PlaceCallHandler> PlaceCallLog { get; } = new();

    public CapturingLogger<SessionOutcomes> OutcomeLog { get; } = new();

    public CallRequests Requests => new(Calls, Conversations, Outbox, Clock);

    public FakeCurrentWebhookEvent CurrentEvent { get; } = new();

    public CallOptions CallOptions { get; } = new();

    public CallLedger Ledger => new(Calls, Conversations, Users, CurrentEvent, MsOptions.Create(CallOptions));

    public User UserIn(LifecycleStage stage)
    {
        var user = TestUsers.InStage(stage, TestUsers.T0);
        Users.Add(user);
        return user;
    }

    /// <summary>A call asked for and placed as <paramref name="callSid"/>.</summary>
    public Call PlacedCall(User user, CallPurpose purpose, int attempt = 1, string callSid = "CA1")
    {
        var call = Requests.Request(user.Id, purpose, attempt, agentId: purpose == CallPurpose.Agent ? "agent-7" : null);
        call.StartPlacing(Clock.GetUtcNow());
        call.RecordPlaced(callSid, Clock.GetUtcNow());
        Outbox.Enqueued.Clear();
        return call;
    }

    public Conversation ConversationOf(Call call) => Conversations.All.Single(conversation => conversation.Id == call.ConversationId);

    public PlaceCallHandler PlaceCall() =>
        new(Calls, Users, Conversations, Gateway, UnitOfWork, new IdempotencyScope { EventKey = "outbox:1" }, Clock, PlaceCallLog);

    public ApplyCallStatusHandler ApplyCallStatus() =>
        new(Ledger, Timers, Outbox, MsOptions.Create(Voice), MsOptions.Create(new CampaignOptions()), Clock);

    public ApplyBotSessionEndHandler ApplyBotSessionEnd() =>
        new(Ledger, new SessionOutcomes(Users, Tickets, Timers, Ledger, MsOptions.Create(Voicebot), MsOptions.Create(new QueueOptions()), OutcomeLog), Clock);
}
