using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Voicebot;

/// <summary>
/// What a voicebot session's outcome does, per flow (policies.md): <c>activated</c>/<c>resolved</c> activate an
/// ONBOARDING user in the activation flow; an accepted offer makes the user ENGAGED, a declined one CHURNED; an
/// escalation hands the conversation to the flow's agent queue; an unanswered session is retried, and enough of them
/// open a human-outreach ticket — except in the activation flow, where two make the user AT_RISK and end the calls.
/// A stage change the user's stage does not allow is logged and ignored: the webhook cannot be refused for it.
/// </summary>
internal sealed partial class SessionOutcomes(
    IUserRepository users,
    ITicketRepository tickets,
    ITimers timers,
    CallLedger ledger,
    IOptions<VoicebotOptions> options,
    IOptions<QueueOptions> queues,
    ILogger<SessionOutcomes> logger)
{
    public async Task ApplyAsync(Call call, SessionOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        switch (outcome)
        {
            case SessionOutcome.Resolved when call.Purpose == CallPurpose.Activation:
                await MoveAsync(call, LifecycleStage.Activated, now, ct, onlyFrom: LifecycleStage.Onboarding);
                break;
            case SessionOutcome.OfferAccepted:
                await MoveAsync(call, LifecycleStage.Engaged, now, ct);
                break;
            case SessionOutcome.Declined:
                await MoveAsync(call, LifecycleStage.Churned, now, ct);
                break;
            case SessionOutcome.Escalated:
                (await ledger.ConversationOfAsync(call, ct))?.HandTo(QueueOf(call.Purpose), now);
                break;
            case SessionOutcome.Unanswered:
                await FollowUpUnansweredAsync(call, now, ct);
                break;
        }
    }

    private async Task FollowUpUnansweredAsync(Call call, DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.Value;
        if (call.Purpose == CallPurpose.Activation && call.Attempt >= settings.ActivationUnansweredBeforeAtRisk)
        {
            await MoveAsync(call, LifecycleStage.AtRisk, now, ct);
        }
        else if (call.Attempt >= settings.UnansweredBeforeTicket)
        {
            tickets.Add(Ticket.Open(
                call.UserId, TicketKind.HumanOutreach, $"{call.Attempt} unanswered {call.Purpose.Name()} voicebot calls", call.CallSid, call.ConversationId, now));
        }
        else if (call.Attempt <= settings.MaxRetries)
        {
            RequestCallAgain.Schedule(timers, call, settings.RetryAfter, now);
        }
    }

    private async Task MoveAsync(Call call, LifecycleStage to, DateTimeOffset now, CancellationToken ct, LifecycleStage? onlyFrom = null)
    {
        if (await users.FindAsync(call.UserId, ct) is not { } user || (onlyFrom is { } from && user.Stage != from))
        {
            return;
        }

        var trigger = $"voicebot:{call.Purpose.Name()}:{call.BotOutcome}";
        if (!StagePolicy.Allows(user.Stage, to))
        {
            LogRefused(user.Id.Value, user.Stage.Name(), to.Name(), trigger);
            return;
        }

        user.TransitionTo(to, trigger, call.CallSid, now);
    }

    private string QueueOf(CallPurpose purpose) => purpose switch
    {
        CallPurpose.WinBack => queues.Value.Retention,
        CallPurpose.Support => queues.Value.Support,
        _ => queues.Value.Onboarding,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} in {From} cannot move to {To} ({Trigger}): ignored")]
    private partial void LogRefused(Guid userId, string from, string to, string trigger);
}
