using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

public interface IConversationRepository
{
    Task<Conversation?> FindAsync(Guid id, CancellationToken ct);

    Task<Conversation?> FindBySessionAsync(string sessionId, CancellationToken ct);

    /// <summary>The user's latest open conversation of a flow (e.g. the onboarding chat before the bot named its session).</summary>
    Task<Conversation?> FindOpenAsync(UserId userId, string flow, CancellationToken ct);

    Task<IReadOnlyList<Conversation>> ListAsync(UserId userId, CancellationToken ct);

    Task<IReadOnlyList<Conversation>> ListBySessionAsync(string sessionId, CancellationToken ct);

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
