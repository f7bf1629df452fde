using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// Timer of a flow's last rung: the outreach got no response, so call with <paramref name="Purpose"/> — unless the user
/// has left <paramref name="Stage"/> meanwhile (activated, won back, offboarded). A response cancels the timer itself.
/// </summary>
public sealed record RequestCallIfStill(Guid UserId, CallPurpose Purpose, LifecycleStage Stage) : ITimerCommand;

internal sealed class RequestCallIfStillHandler(IUserRepository users, CallRequests calls) : ICommandHandler<RequestCallIfStill>
{
    public async ValueTask<Unit> Handle(RequestCallIfStill command, CancellationToken ct)
    {
        if (await users.FindAsync(new UserId(command.UserId), ct) is { } user && user.Stage == command.Stage)
        {
            calls.Request(user.Id, command.Purpose);
        }

        return Unit.Value;
    }
}
