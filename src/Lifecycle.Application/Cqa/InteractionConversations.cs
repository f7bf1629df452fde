using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Cqa;

/// <summary>
/// The conversations an interaction is about: its own, and for a call every conversation known by the CallSid (the
/// bot's session and an agent leg report under the same sid).
/// </summary>
internal sealed class InteractionConversations(IConversationRepository conversations)
{
    public async Task<IReadOnlyList<Conversation>> ListAsync(Interaction interaction, CancellationToken ct)
    {
        var found = new List<Conversation>();
        if (await conversations.FindAsync(interaction.ConversationId, ct) is { } own)
        {
            found.Add(own);
        }

        if (interaction.CallSid is { } callSid)
        {
            // The list is a read; each conversation is found again to be changed.
            foreach (var listed in await conversations.ListChainAsync(callSid, ct))
            {
                if (found.TrueForAll(conversation => conversation.Id != listed.Id) && await conversations.FindAsync(listed.Id, ct) is { } conversation)
                {
                    found.Add(conversation);
                }
            }
        }

        return found;
    }
}
