using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

public interface IUserRepository
{
    Task<User?> FindAsync(UserId id, CancellationToken ct);

    Task<User?> FindByPhoneAsync(Domain.Common.E164Phone phone, CancellationToken ct);

    Task<IReadOnlyList<User>> FindManyAsync(IReadOnlyCollection<UserId> ids, CancellationToken ct);

    Task<Paged<User>> ListAsync(LifecycleStage? stage, PageRequest page, CancellationToken ct);

    void Add(User user);
}

/// <summary>The set-based questions of the inactivity scan: one query each, however many users there are.</summary>
public interface IInactiveUsers
{
    /// <summary>ONBOARDING users not seen since <paramref name="seenBefore"/> (inclusive) and not nudged since.</summary>
    Task<IReadOnlyList<UserId>> DueForActivationNudgeAsync(DateTimeOffset seenBefore, CancellationToken ct);

    /// <summary>Users in <paramref name="stage"/> not seen since <paramref name="seenBefore"/> (inclusive).</summary>
    Task<IReadOnlyList<UserId>> InactiveAsync(LifecycleStage stage, DateTimeOffset seenBefore, CancellationToken ct);
}

public interface IOutboundMessageRepository
{
    Task<OutboundMessage?> FindAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<OutboundMessage>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<OutboundMessage?> FindByProviderIdAsync(Channel channel, string providerId, CancellationToken ct);

    /// <summary>The channels already used by the attempts of one delivery.</summary>
    Task<IReadOnlyCollection<Channel>> ChannelsOfDeliveryAsync(Guid deliveryId, CancellationToken ct);

    void Add(OutboundMessage message);
}

/// <summary>A user's history across transitions and messages, oldest first.</summary>
public interface ITimelineReader
{
    Task<IReadOnlyList<TimelineEntry>> ReadAsync(UserId userId, CancellationToken ct);
}

/// <summary>
/// A module's entries on a user's timeline (e.g. CQA's analyses and review tasks): each module that keeps history of its
/// own registers one, so the core reads no module's tables.
/// </summary>
public interface ITimelineSource
{
    Task<IReadOnlyList<TimelineEntry>> ReadAsync(UserId userId, CancellationToken ct);
}
