using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Tests.Shared;

namespace Lifecycle.Domain.Tests.Support;

/// <summary>Builds users in any stage by registering them and walking only allowed transitions.</summary>
public static class Users
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public const string Phone = "+919876543210";


    public static User Registered(DateTimeOffset? at = null) =>
        User.Register(new UserId(Guid.Parse("0195a1b2-0000-7000-8000-000000000001")), E164Phone.Parse(Phone), "Priya", "signup-1", at ?? T0);

    /// <summary>A user whose every transition (and so activation) happened at <paramref name="at"/>.</summary>
    public static User InStage(LifecycleStage stage, DateTimeOffset? at = null)
    {
        var when = at ?? T0;
        var user = Registered(when).WalkTo(stage, when);
        user.DequeueDomainEvents();
        return user;
    }
}
