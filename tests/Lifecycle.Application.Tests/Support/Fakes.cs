using Lifecycle.Domain.Common;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Support;

internal sealed class FakeProcessedEvents : IProcessedEvents
{
    public Dictionary<string, string> Outcomes { get; } = [];

    public List<string> Lookups { get; } = [];

    public Task<string?> FindOutcomeAsync(string eventKey, CancellationToken ct)
    {
        Lookups.Add(eventKey);
        return Task.FromResult(Outcomes.GetValueOrDefault(eventKey));
    }
}

/// <summary>Runs the work with its own token and counts a commit only when the work completes.</summary>
internal sealed class FakeUnitOfWork : IUnitOfWork
{
    private readonly CancellationTokenSource transaction = new();

    public List<string?> EventKeys { get; } = [];

    public bool InWork { get; private set; }

    public int Commits { get; private set; }

    /// <summary>How many units ran their work before opening the transaction (outbox messages).</summary>
    public int CommittedAfter { get; private set; }

    public CancellationToken WorkToken => transaction.Token;

    /// <summary>How many of the next units run under an event key fail their commit as a concurrent change would.</summary>
    public int ConflictingKeyedCommits { get; set; }

    public async Task<TResult> CommitAfterAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> work, string? eventKey, CancellationToken ct)
    {
        CommittedAfter++;
        return await ExecuteAsync(work, eventKey, ct);
    }

    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> work, string? eventKey, CancellationToken ct)
    {
        EventKeys.Add(eventKey);
        InWork = true;
        try
        {
            var result = await work(transaction.Token);
            if (eventKey is not null && ConflictingKeyedCommits > 0)
            {
                ConflictingKeyedCommits--;
                throw new global::Lifecycle.Application.Common.Errors.ConcurrencyConflictException(new InvalidOperationException("row version changed"));
            }

            Commits++;
            return result;
        }
        finally
        {
            InWork = false;
        }
    }
}

internal sealed class FakeAuthenticator(bool valid) : IWebhookAuthenticator
{
    public List<(WebhookSource Source, byte[] Body, string? Signature, string? Token)> Calls { get; } = [];

    public bool IsAuthentic(WebhookSource source, ReadOnlySpan<byte> body, string? signature, string? token)
    {
        Calls.Add((source, body.ToArray(), signature, token));
        return valid;
    }
}

internal sealed class FakeUserRepository : IUserRepository
{
    private readonly Dictionary<UserId, User> users = [];

    public Task<User?> FindAsync(UserId id, CancellationToken ct) => Task.FromResult(users.GetValueOrDefault(id));

    public Task<IReadOnlyList<User>> FindManyAsync(IReadOnlyCollection<UserId> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<User>>([.. users.Values.Where(user => ids.Contains(user.Id))]);

    public Task<User?> FindByPhoneAsync(E164Phone phone, CancellationToken ct) =>
        Task.FromResult(users.Values.SingleOrDefault(user => user.Phone == phone));

    public Task<Paged<User>> ListAsync(LifecycleStage? stage, PageRequest page, CancellationToken ct)
    {
        var matching = users.Values.Where(user => stage is null || user.Stage == stage).ToList();
        return Task.FromResult(new Paged<User>([.. matching.Skip(page.Skip).Take(page.PageSize)], page.Page, page.PageSize, matching.Count));
    }

    public void Add(User user) => users.Add(user.Id, user);
}

internal sealed class FakeOutboundMessageRepository : IOutboundMessageRepository
{
    private readonly List<OutboundMessage> messages = [];

    public Task<OutboundMessage?> FindAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(messages.SingleOrDefault(message => message.Id == id));

    public Task<IReadOnlyList<OutboundMessage>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OutboundMessage>>([.. messages.Where(message => ids.Contains(message.Id))]);

    public Task<OutboundMessage?> FindByProviderIdAsync(Channel channel, string providerId, CancellationToken ct) =>
        Task.FromResult(messages.SingleOrDefault(message => message.Channel == channel && message.ProviderId == providerId));

    public Task<IReadOnlyCollection<Channel>> ChannelsOfDeliveryAsync(Guid deliveryId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyCollection<Channel>>([.. messages.Where(message => message.DeliveryId == deliveryId).Select(message => message.Channel).Distinct()]);

    public void Add(OutboundMessage message) => messages.Add(message);

    public IReadOnlyList<OutboundMessage> All => messages;
}

internal sealed class FakeTimers : ITimers
{
    public List<(string Key, DateTimeOffset DueAt, ITimerCommand Command)> Scheduled { get; } = [];

    public List<string> Cancelled { get; } = [];

    public void Schedule(string key, DateTimeOffset dueAt, ITimerCommand command) => Scheduled.Add((key, dueAt, command));

    public List<string> CancelledPrefixes { get; } = [];

    public Task CancelAsync(string key, CancellationToken ct)
    {
        Cancelled.Add(key);
        return Task.CompletedTask;
    }

    public Task CancelAllAsync(string keyPrefix, CancellationToken ct)
    {
        CancelledPrefixes.Add(keyPrefix);
        return Task.CompletedTask;
    }

    public Task ScheduleManyAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct)
    {
        Scheduled.AddRange(timers.Select(timer => (timer.Key, timer.DueAt, timer.Command)));
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> PendingKeysAsync(string keyPrefix, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<string>>(Scheduled.Select(timer => timer.Key).Where(key => key.StartsWith(keyPrefix, StringComparison.Ordinal)).Except(Cancelled).ToHashSet());
}

internal sealed class FakeInbox(InboxAcceptance answer = InboxAcceptance.Accepted) : IInbox
{
    public List<InboxEntry> Entries { get; } = [];

    /// <summary>Keys answered <see cref="InboxAcceptance.Accepted"/> whatever the default answer.</summary>
    public IReadOnlyCollection<string> AcceptedKeys { get; init; } = [];

    public Task<InboxAcceptance> AcceptAsync(InboxEntry entry, CancellationToken ct)
    {
        lock (Entries)
        {
            Entries.Add(entry);
        }

        return Task.FromResult(AcceptedKeys.Contains(entry.Identity.EventKey) ? InboxAcceptance.Accepted : answer);
    }
}

/// <summary>Reads JSON bodies only; the real parser (form, multipart, JSON) is tested with Infrastructure.</summary>
internal sealed class JsonPayloadParser : IWebhookPayloadParser
{
    public List<string> ContentTypes { get; } = [];

    public ValueTask<WebhookFields> ParseAsync(string contentType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        ContentTypes.Add(contentType);
        return ValueTask.FromResult(WebhookFields.FromJson(System.Text.Encoding.UTF8.GetString(body.Span)));
    }
}

internal sealed class FakeOutbox : IOutbox
{
    public List<(IOutboxMessage Message, DateTimeOffset? NotBefore)> Enqueued { get; } = [];

    public IEnumerable<T> Of<T>() => Enqueued.Select(item => item.Message).OfType<T>();

    public void Enqueue(IOutboxMessage message, DateTimeOffset? notBefore = null) => Enqueued.Add((message, notBefore));
}

internal sealed class FakeCurrentWebhookEvent : ICurrentWebhookEvent
{
    public int Forgotten { get; private set; }

    public Task ForgetAsync(CancellationToken ct)
    {
        Forgotten++;
        return Task.CompletedTask;
    }
}
