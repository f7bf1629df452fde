using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Tests.Voice;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Chatbot;

/// <summary>The Chatbot use cases over the messaging world's fakes, with calls and tickets, and the defaults of policies.md.</summary>
internal sealed class ChatWorld
{
    public ChatWorld() =>
        Messaging.Catalog[ChatbotFlow.CallbackScheduling] = new NotificationDefinition
        {
            Sms = new SmsTemplate { Template = "Pick a time for a call back, {{name}}.", DltTemplateId = "DLT-CALLBACK" },
            WhatsApp = new WhatsAppTemplate { Template = "callback_scheduled", Parameters = ["name"] },
        };

    public MessagingWorld Messaging { get; } = new();

    public FakeCallRepository Calls { get; } = new();

    public FakeTicketRepository Tickets { get; } = new();

    public ChatbotOptions Options { get; } = new();

    public CallRequests Requests => new(Calls, Messaging.Conversations, Messaging.Outbox, Messaging.Clock);

    public LiveChat LiveChat => new(Messaging.Timers, Microsoft.Extensions.Options.Options.Create(Messaging.Queues), Microsoft.Extensions.Options.Options.Create(Options));

    public SupportTickets SupportTickets => new(Tickets, Messaging.Clock);

    public Task ApplyAsync(ApplyChatbotEvent command) =>
        new ApplyChatbotEventHandler(
                Messaging.Users, new ChatConversations(Messaging.Conversations), new VoiceHandoff(Calls, Requests, SupportTickets, Messaging.Clock), LiveChat,
                Messaging.Ladder, Messaging.Clock)
            .Handle(command, CancellationToken.None).AsTask();

    public Task ReplyAsync(User user, string? button, string? body) =>
        new RouteWhatsAppReply(Messaging.Conversations, LiveChat, Microsoft.Extensions.Options.Options.Create(Messaging.Queues))
            .HandleAsync(new UserRepliedOnWhatsApp(user.Id, "WA1", button, body, Messaging.Clock.GetUtcNow()), CancellationToken.None);

    public Task CheckSlaAsync(Guid conversationId) =>
        new CheckLiveChatSlaHandler(
                Messaging.Conversations, Messaging.Users, SupportTickets, Messaging.Ladder, Microsoft.Extensions.Options.Options.Create(Options), Messaging.Clock)
            .Handle(new CheckLiveChatSla(conversationId), CancellationToken.None).AsTask();
}
