using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// The keys of the timers that reach out to a user again — a nudge, a call retry, a win-back call. Any response of the
/// user (a reply on any channel, a login, any activity) makes every one of them moot, so they share a prefix per user.
/// </summary>
public static class FollowUps
{
    public static string Key(UserId userId, string name) => $"{Of(userId)}{name}";

    /// <summary>The prefix of all of a user's follow-ups (<see cref="Common.Persistence.ITimers.CancelAllAsync"/>).</summary>
    public static string Of(UserId userId) => $"follow-up:{userId}:";
}
