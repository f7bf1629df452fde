using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle.Offboarding;

/// <summary>The user being offboarded, with the personal data that is about to be erased.</summary>
public sealed record OffboardedUser(UserId UserId, E164Phone? Phone, string? Name);

/// <summary>
/// One module's share of a user's data. Each module registers its own, so offboarding reaches every table without a
/// central list of them.
/// </summary>
public interface IUserDataOwner
{
    /// <summary>Cancels what the module still has queued for the user: messages not handed over, timers, outbox rows.</summary>
    Task CancelPendingAsync(OffboardedUser user, CancellationToken ct);

    /// <summary>Erases every trace of the user's name and phone the module holds.</summary>
    Task EraseAsync(OffboardedUser user, CancellationToken ct);
}

/// <summary>Turns a phone into the keyed hash an erased user keeps (<c>Lifecycle:Privacy:PhoneHashKey</c>).</summary>
public interface IPhoneHasher
{
    string Hash(E164Phone phone);
}
