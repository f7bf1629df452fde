using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Tests.Shared;

namespace Lifecycle.Application.Tests.Support;

/// <summary>Users in any stage, reached by registering and walking only allowed transitions.</summary>
internal static class TestUsers
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);


    /// <summary>A user whose every transition happened at <paramref name="at"/>, with its domain events already taken.</summary>
    public static User InStage(LifecycleStage stage, DateTimeOffset at)
    {
        var user = User.Register(UserId.New(), E164Phone.Parse("+919876543210"), "Priya", "arrange", at).WalkTo(stage, at);
        user.DequeueDomainEvents();
        return user;
    }

    /// <summary>
    /// The user's phone and name erased, as GDPR offboarding leaves them (api.md <c>DELETE /api/users/{id}</c>). The
    /// domain has no method for the erasure yet, so the arrangement writes the stored state directly.
    /// </summary>
    public static User Erased(this User user)
    {
        typeof(User).GetProperty(nameof(User.Phone))!.SetValue(user, null);
        typeof(User).GetProperty(nameof(User.Name))!.SetValue(user, null);
        return user;
    }
}
