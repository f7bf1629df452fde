using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// Guide §4.1: a user whose signup is verified gets the <c>onboarding_welcome</c> WhatsApp with its [Start Setup]
/// button (the ladder falls back to SMS when WhatsApp cannot carry it).
/// </summary>
internal sealed class WelcomeOnOnboarding(IUserRepository users, MessageLadder ladder) : IDomainEventHandler<UserStageChanged>
{
    public const string Notification = "onboarding_welcome";

    public async Task HandleAsync(UserStageChanged changed, CancellationToken ct)
    {
        if (changed.To != LifecycleStage.Onboarding || await users.FindAsync(changed.UserId, ct) is not { } user)
        {
            return;
        }

        var variables = new Dictionary<string, string> { ["name"] = user.Name ?? "there" };
        await ladder.SendAsync(user, Notification, variables, Channel.WhatsApp, ct);
    }
}
