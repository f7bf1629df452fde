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
}
