using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

public interface IConversationRepository
{
    Task<Conversation?> FindAsync(Guid id, CancellationToken ct);

    Task<Conversation?> FindBySessionAsync(string sessionId, CancellationToken ct);

    /// <summary>The user's latest open conversation of a flow (e.g. the onboarding chat before the bot named its session).</summary>
    Task<Conversation?> FindOpenAsync(UserId userId, string flow, CancellationToken ct);

    Task<IReadOnlyList<Conversation>> ListAsync(UserId userId, CancellationToken ct);

    /// <summary>
    /// The conversations of a session (a chat's id or a CallSid) and every conversation that continues them through
    /// <see cref="Conversation.ParentId"/> (the voicebot leg of a chat, the agent leg of that call), oldest first.
    /// </summary>
    Task<IReadOnlyList<Conversation>> ListChainAsync(string sessionId, CancellationToken ct);

    /// <summary>The conversation of <paramref name="channel"/> that continues <paramref name="parentId"/> (a call's agent leg).</summary>
    Task<Conversation?> FindLegAsync(Guid parentId, Channel channel, CancellationToken ct);

    void Add(Conversation conversation);
}

/// <summary><c>Lifecycle:Queues</c>: SmartConnect queue names (api.md).</summary>
public sealed class QueueOptions
{
    public const string Section = "Lifecycle:Queues";

    public string Onboarding { get; set; } = "onboarding-agents";

    public string Retention { get; set; } = "retention-agents";

    public string Support { get; set; } = "support-tier1";
}
