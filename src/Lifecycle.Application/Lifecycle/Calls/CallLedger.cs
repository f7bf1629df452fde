using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle.Calls;

/// <summary>How a call ended, as a status callback or a voicebot's session end tells it.</summary>
public sealed record CallEnd(string CallSid, CallStatus Status, int? DurationSeconds = null, string? RecordingUrl = null);

/// <summary>
/// The bookkeeping every call's callbacks share, whichever module placed it: finding the call a callback is about,
/// and ending it with its conversation — a call the user stayed on is a contact.
/// </summary>
public sealed class CallLedger(
    ICallRepository calls,
    IConversationRepository conversations,
    IUserRepository users,
    ICurrentWebhookEvent current,
    Microsoft.Extensions.Options.IOptions<CallOptions> options)
{
    /// <summary>The call by the id in the custom field we made, else by its sid; null when it is none of ours.</summary>
    /// <exception cref="ProviderRecordPendingException">The callback raced our record of the placed call: the inbox keeps it and retries.</exception>
    public async Task<Call?> FindAsync(string callSid, string? customField, CancellationToken ct)
    {
        var call = Call.CallIdOf(customField) is { } id ? await calls.FindAsync(id, ct) : await calls.FindByCallSidAsync(callSid, ct);
        if (call is { Status: CallStatus.Requested or CallStatus.Placing })
        {
            throw new ProviderRecordPendingException("call", callSid);
        }

        if (call is not null && await users.FindAsync(call.UserId, ct) is { IsErased: true })
        {
            // Exotel still reports on a call of an offboarded user; its callback names their number.
            await current.ForgetAsync(ct);
        }

        return call;
    }

    public Task<Conversation?> ConversationOfAsync(Call call, CancellationToken ct) => conversations.FindAsync(call.ConversationId, ct);

    /// <summary>
    /// Ends the call and its conversation (with <paramref name="outcome"/>); a completed call longer than
    /// <see cref="CallOptions.MinEngagedCallSeconds"/> is the user's last contact on the call's channel.
    /// </summary>
    /// <returns>False when the call had ended already: a repeated end changes nothing.</returns>
    public async Task<bool> EndAsync(Call call, CallEnd end, string outcome, DateTimeOffset now, CancellationToken ct)
    {
        if (!call.End(end.CallSid, end.Status, end.DurationSeconds, end.RecordingUrl, now))
        {
            return false;
        }

        if (await ConversationOfAsync(call, ct) is { } conversation)
        {
            conversation.AttachSession(end.CallSid);
            conversation.End(outcome, now);
        }

        await EndAgentLegAsync(call, end.Status.Name(), now, ct);

        if (call.WasEngaged(options.Value.MinEngagedCall) && await users.FindAsync(call.UserId, ct) is { } user)
        {
            user.RecordContact(call.Purpose.IsBot() ? Channel.Voicebot : Channel.Voice, now);
        }

        return true;
    }

    /// <summary>
    /// SmartConnect connected a bot call to an agent (guide §4.4, §6): the call names the agent and the agent's part of it
    /// is a conversation of its own — channel Voice, session the CallSid — continuing the bot's. A repeated connect
    /// changes nothing.
    /// </summary>
    public async Task ConnectAgentAsync(Call call, string callSid, string agentId, DateTimeOffset now, CancellationToken ct)
    {
        call.RecordAgent(agentId);
        if (await conversations.FindLegAsync(call.ConversationId, Channel.Voice, ct) is not null)
        {
            return;
        }

        var leg = Conversation.Start(call.UserId, Channel.Voice, call.Purpose.Name(), callSid, now, call.ConversationId);
        leg.AssignAgent(agentId, now);
        conversations.Add(leg);
    }

    /// <summary>The agent's part of the call is over (SmartConnect's <c>call-end</c>, or the call's own end).</summary>
    public async Task EndAgentLegAsync(Call call, string outcome, DateTimeOffset now, CancellationToken ct)
    {
        if (await conversations.FindLegAsync(call.ConversationId, Channel.Voice, ct) is { IsOpen: true } leg)
        {
            leg.End(outcome, now);
        }
    }
}
