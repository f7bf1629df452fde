using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Chatbot;

/// <summary>
/// Routes a WhatsApp reply by its content (guide §3.4, §4.1): [Start Setup] opens the onboarding chat (Exotel's bot
/// flow takes the conversation from there); "Talk to someone" hands it to the onboarding agents' queue, whose SLA clock
/// starts (<see cref="LiveChat"/>). Any other
/// reply is the bot's business and changes nothing here.
/// </summary>
internal sealed class RouteWhatsAppReply(IConversationRepository conversations, LiveChat liveChat, IOptions<QueueOptions> queues)
    : IDomainEventHandler<UserRepliedOnWhatsApp>
{
    public async Task HandleAsync(UserRepliedOnWhatsApp reply, CancellationToken ct)
    {
        var choice = reply.ButtonPayload ?? reply.Body?.Trim();
        if (string.Equals(choice, ChatbotFlow.StartSetup, StringComparison.OrdinalIgnoreCase))
        {
            if (await conversations.FindOpenAsync(reply.UserId, ChatbotFlow.Onboarding, ct) is null)
            {
                conversations.Add(Conversation.Start(reply.UserId, Channel.WhatsApp, ChatbotFlow.Onboarding, sessionId: null, reply.At));
            }
        }
        else if (string.Equals(choice, ChatbotFlow.TalkToSomeone, StringComparison.OrdinalIgnoreCase)
            || string.Equals(choice, "Talk to someone", StringComparison.OrdinalIgnoreCase))
        {
            var conversation = await conversations.FindOpenAsync(reply.UserId, ChatbotFlow.Onboarding, ct);
            if (conversation is null)
            {
                conversation = Conversation.Start(reply.UserId, Channel.WhatsApp, ChatbotFlow.Onboarding, sessionId: null, reply.At);
                conversations.Add(conversation);
            }

            await liveChat.QueueAsync(conversation, queues.Value.Onboarding, reply.At, ct);
        }
    }
}
