using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Cqa;

/// <summary>
/// Timer of a callback ticket (the first-call-resolution KPI answered "No"): at its due time the user is called back —
/// by the same agent when the interaction had one, else by the support voicebot — unless the ticket was closed first.
/// </summary>
public sealed record CallBackUnresolvedUser(Guid TicketId) : ITimerCommand
{
    /// <summary>A follow-up of the user's, so that offboarding (and the user's own response) cancels it.</summary>
    public static string TimerKey(UserId userId, Guid ticketId) => FollowUps.Key(userId, $"cqa-callback:{ticketId:N}");
}

internal sealed class CallBackUnresolvedUserHandler(ITicketRepository tickets, IUserRepository users, CallRequests calls)
    : ICommandHandler<CallBackUnresolvedUser>
{
    public async ValueTask<Unit> Handle(CallBackUnresolvedUser command, CancellationToken ct)
    {
        if (await tickets.FindAsync(command.TicketId, ct) is not { IsOpen: true } ticket
            || await users.FindAsync(ticket.UserId, ct) is not { Stage: not LifecycleStage.Offboarded } user)
        {
            return Unit.Value;
        }

        var purpose = ticket.AgentId is null ? CallPurpose.Support : CallPurpose.Agent;
        calls.Request(user.Id, purpose, agentId: ticket.AgentId, ticketId: ticket.Id.ToString());
        return Unit.Value;
    }
}
