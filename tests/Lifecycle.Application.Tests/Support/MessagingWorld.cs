using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.WhatsApp;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Tests.Shared;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Support;

/// <summary>Answers each SMS request with the next queued answer (accepted as <c>SM0001</c>… by default).</summary>
internal sealed class FakeSmsGateway : ISmsGateway
{
    public Queue<SmsSendResult> Answers { get; } = [];

    public Exception? Throws { get; set; }

    public List<IReadOnlyList<SmsSendRequest>> Sent { get; } = [];

    public SmsStatusReport? Report { get; set; }

    public List<string> StatusLookups { get; } = [];

    public Action? OnSend { get; set; }

    public Task<IReadOnlyList<SmsSendResult>> SendAsync(IReadOnlyList<SmsSendRequest> requests, CancellationToken ct)
    {
        OnSend?.Invoke();
        Sent.Add(requests);
        if (Throws is { } failure)
        {
            throw failure;
        }

        return Task.FromResult<IReadOnlyList<SmsSendResult>>(
            [.. requests.Select(_ => Answers.TryDequeue(out var answer) ? answer : new SmsSendResult.Accepted($"SM{Sent.Sum(batch => batch.Count):D4}"))]);
    }

    public Task<SmsStatusReport?> GetStatusAsync(string smsSid, CancellationToken ct)
    {
        StatusLookups.Add(smsSid);
        return Task.FromResult(Report);
    }
}

internal sealed class FakeWhatsAppGateway : IWhatsAppGateway
{
    public WhatsAppSendResult Answer { get; set; } = new WhatsAppSendResult.Accepted("WA0001");

    public List<WhatsAppSendRequest> Sent { get; } = [];

    public Task<WhatsAppSendResult> SendAsync(WhatsAppSendRequest request, CancellationToken ct)
    {
        Sent.Add(request);
        return Task.FromResult(Answer);
    }
}

internal sealed class FakeInboxInTransaction : IInboxInTransaction
{
    public List<InboxEntry> Entries { get; } = [];

    public Task<InboxAcceptance> AddAsync(InboxEntry entry, CancellationToken ct)
    {
        Entries.Add(entry);
        return Task.FromResult(InboxAcceptance.Accepted);
    }
}

internal sealed class FakeConversationRepository : IConversationRepository
{
    public List<Conversation> All { get; } = [];

    public Task<Conversation?> FindAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(conversation => conversation.Id == id));

    public Task<Conversation?> FindBySessionAsync(string sessionId, CancellationToken ct) =>
        Task.FromResult(All.LastOrDefault(conversation => conversation.SessionId == sessionId));

    public Task<Conversation?> FindOpenAsync(UserId userId, string flow, CancellationToken ct) =>
        Task.FromResult(All.LastOrDefault(conversation => conversation.UserId == userId && conversation.Flow == flow && conversation.IsOpen));

    public Task<IReadOnlyList<Conversation>> ListAsync(UserId userId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Conversation>>([.. All.Where(conversation => conversation.UserId == userId)]);

    public Task<IReadOnlyList<Conversation>> ListChainAsync(string sessionId, CancellationToken ct)
    {
        var chain = All.Where(conversation => conversation.SessionId == sessionId).ToList();
        for (var i = 0; i < chain.Count; i++)
        {
            chain.AddRange(All.Where(conversation => conversation.ParentId == chain[i].Id && !chain.Contains(conversation)));
        }

        return Task.FromResult<IReadOnlyList<Conversation>>([.. chain.OrderBy(conversation => conversation.StartedAt)]);
    }

    public Task<Conversation?> FindLegAsync(Guid parentId, Channel channel, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(conversation => conversation.ParentId == parentId && conversation.Channel == channel));

    public void Add(Conversation conversation) => All.Add(conversation);
}

/// <summary>
/// The channel ladder with its real SMS and WhatsApp rungs over fakes of the ports, the defaults of policies.md and time
/// frozen at <see cref="TestUsers.T0"/> (09:00 UTC, inside the promotional window).
/// </summary>
internal sealed class MessagingWorld
{
    public const string Order = "order_confirmed";
    public const string Promo = "weekend_offer";
    public const string SmsOnly = "sms_only";
    public const string WhatsAppOnly = "whatsapp_only";
    public const string Unapproved = "unapproved_whatsapp";

    public FakeTimeProvider Clock { get; } = new(TestUsers.T0);

    public FakeUserRepository Users { get; } = new();

    public FakeOutboundMessageRepository Messages { get; } = new();

    public FakeOutbox Outbox { get; } = new();

    public FakeTimers Timers { get; } = new();

    public FakeCurrentWebhookEvent CurrentEvent { get; } = new();

    public FakeUnitOfWork UnitOfWork { get; } = new();

    public IdempotencyScope Idempotency { get; } = new() { EventKey = "outbox:7" };

    public FakeSmsGateway SmsGateway { get; } = new();

    public FakeWhatsAppGateway WhatsAppGateway { get; } = new();

    public FakeInboxInTransaction Inbox { get; } = new();

    public FakeConversationRepository Conversations { get; } = new();

    public SmsOptions Sms { get; } = new();

    public WhatsAppOptions WhatsApp { get; } = new();

    public MessagingOptions Messaging { get; } = new();

    public QueueOptions Queues { get; } = new();

    public NotificationCatalog Catalog { get; } = new()
    {
        [Order] = new NotificationDefinition
        {
            Sms = new SmsTemplate { Template = "Order {{order}} confirmed, {{name}}.", DltTemplateId = "DLT-ORDER", Type = "transactional" },
            WhatsApp = new WhatsAppTemplate { Template = "order_confirmed_v2", Language = "en_IN", Parameters = ["name", "order"] },
        },
        [Promo] = new NotificationDefinition
        {
            Sms = new SmsTemplate { Template = "20% off this weekend.", DltTemplateId = "DLT-PROMO", Type = "promotional" },
        },
        [SmsOnly] = new NotificationDefinition
        {
            Sms = new SmsTemplate { Template = "Your code is {{code}}.", DltTemplateId = "DLT-CODE" },
        },
        [WhatsAppOnly] = new NotificationDefinition
        {
            WhatsApp = new WhatsAppTemplate
            {
                Template = "agent_offer_v1",
                Parameters = ["name", "missing"],
                Buttons = new Dictionary<string, string> { ["talk_to_someone"] = "Talk to someone", ["later"] = "Later" },
            },
        },
        [ChatbotFlow.AgentOffer] = new NotificationDefinition
        {
            WhatsApp = new WhatsAppTemplate { Template = "agent_offer_v1", Parameters = ["name"] },
        },
        [Unapproved] = new NotificationDefinition
        {
            WhatsApp = new WhatsAppTemplate { Template = "pending_template", Approved = false },
        },
    };

    public SmsChannel SmsChannel => new(Outbox, Options.Create(Sms), Clock);

    public WhatsAppChannel WhatsAppChannel => new(Outbox);

    public MessageLadder Ladder => new([SmsChannel, WhatsAppChannel], Messages, Options.Create(Catalog), Options.Create(Messaging), Clock);

    public GuardedSend Guarded => new(UnitOfWork, Timers, Idempotency, Clock);

    public SmsFailures Failures => new(Users, Ladder, Timers, Options.Create(Sms));

    public SmsSending SmsSending => new(Messages, Users, SmsGateway, Guarded, Timers, Failures, Options.Create(Sms), Clock);

    public User NewUser(LifecycleStage stage = LifecycleStage.Engaged, string phone = "+919876543210")
    {
        var user = User.Register(UserId.New(), E164Phone.Parse(phone), "Priya", "arrange", Clock.GetUtcNow()).WalkTo(stage, Clock.GetUtcNow());
        user.DequeueDomainEvents();
        Users.Add(user);
        return user;
    }

    /// <summary>A message of <paramref name="notification"/> stored as queued on <paramref name="channel"/>, as the ladder leaves it.</summary>
    public OutboundMessage Queued(User user, Channel channel = Channel.Sms, string notification = Order, IReadOnlyDictionary<string, string>? variables = null)
    {
        variables ??= new Dictionary<string, string> { ["order"] = "A-17", ["name"] = "Priya" };
        var body = channel == Channel.Sms ? TemplateText.Render(Catalog[notification].Sms!.Template, variables) : "body";
        var message = OutboundMessage.Queue(user.Id, channel, notification, body, Clock.GetUtcNow(), variables);
        Messages.Add(message);
        return message;
    }

    /// <summary>A message the provider accepted as <paramref name="providerId"/>.</summary>
    public OutboundMessage Submitted(User user, string providerId, Channel channel = Channel.Sms, string notification = Order)
    {
        var message = Queued(user, channel, notification);
        message.MarkSending(Clock.GetUtcNow());
        message.MarkSubmitted(providerId, Clock.GetUtcNow());
        return message;
    }

    /// <summary>The messages the outbox was asked to send, in order, as stored.</summary>
    public IReadOnlyList<OutboundMessage> QueuedSends() =>
        [.. Outbox.Enqueued.Select(item => item.Message switch
        {
            SendSms sms => sms.MessageId,
            SendWhatsApp whatsApp => whatsApp.MessageId,
            _ => Guid.Empty,
        }).Select(id => Messages.FindAsync(id, CancellationToken.None).Result!)];
}
