using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Voice;

/// <summary>
/// A status of one of our calls (<c>/webhooks/exotel/call</c>): a SmartConnect leg is recorded on the call's
/// conversation, and a bot call's <c>call-connect</c> to an agent starts the agent's leg (<c>call-end</c> ends it); a
/// terminal status ends the call (a long enough one is a contact). An agent call the user did not pick
/// up is tried again after <see cref="VoiceOptions.RetryAfter"/>, at most <see cref="VoiceOptions.MaxRetries"/> times;
/// then the user is enrolled in the async drip campaign (policies.md "Voice no-answer / busy").
/// </summary>
public sealed record ApplyCallStatus(CallStatusReport Report) : ICommand, IIdempotentCommand, ICorrelated
{
    public string EventKey => Report.EventKey;

    public string CorrelationId => Report.CallSid;
}

internal sealed class ApplyCallStatusHandler(
    CallLedger ledger,
    ITimers timers,
    IOutbox outbox,
    IOptions<VoiceOptions> options,
    IOptions<CampaignOptions> campaigns,
    TimeProvider clock) : ICommandHandler<ApplyCallStatus>
{
    private const string ConnectLeg = "call-connect";
    private const string EndLeg = "call-end";

    public async ValueTask<Unit> Handle(ApplyCallStatus command, CancellationToken ct)
    {
        var report = command.Report;

        // A call none of ours names is kept for inspection, never retried (the inbox dead-letters a validation failure).
        var call = await ledger.FindAsync(report.CallSid, report.CustomField, ct)
            ?? throw new ValidationException([new ValidationFailure("CallSid", $"Call {report.CallSid} is none of ours.")]);
        var now = clock.GetUtcNow();
        if (report.LegEvent is { } leg)
        {
            await ApplyLegAsync(call, report, leg, now, ct);

            // A bot call's leg is the agent's part of it, not its end: the flow's own status callback ends the call.
            if (call.Purpose.IsBot())
            {
                return Unit.Value;
            }
        }

        var end = new CallEnd(report.CallSid, report.Status, report.DurationSeconds, report.RecordingUrl);
        if (!report.Status.IsEnd() || !await ledger.EndAsync(call, end, report.Status.Name(), now, ct))
        {
            return Unit.Value;
        }

        if (call.Purpose == CallPurpose.Agent && call.WentUnanswered)
        {
            FollowUpUnanswered(call, now);
        }

        return Unit.Value;
    }

    private async Task ApplyLegAsync(Call call, CallStatusReport report, string leg, DateTimeOffset now, CancellationToken ct)
    {
        if (await ledger.ConversationOfAsync(call, ct) is { } conversation)
        {
            RecordLeg(conversation, report, leg, now);
        }

        if (!call.Purpose.IsBot())
        {
            return;
        }

        if (leg == ConnectLeg && report.AgentId is { } agentId)
        {
            await ledger.ConnectAgentAsync(call, report.CallSid, agentId, now, ct);
        }
        else if (leg == EndLeg)
        {
            await ledger.EndAgentLegAsync(call, report.Status.IsEnd() ? report.Status.Name() : CallStatus.Completed.Name(), now, ct);
        }
    }

    private static void RecordLeg(Conversation conversation, CallStatusReport report, string leg, DateTimeOffset now)
    {
        conversation.AttachSession(report.CallSid);
        conversation.Record(leg, report.AgentId, now);
        if (report.Queue is { } queue && conversation.Queue != queue)
        {
            conversation.HandTo(queue, now);
        }
    }

    private void FollowUpUnanswered(Call call, DateTimeOffset now)
    {
        if (call.Attempt <= options.Value.MaxRetries)
        {
            RequestCallAgain.Schedule(timers, call, options.Value.RetryAfter, now);
            return;
        }

        outbox.Enqueue(new EnrollInCampaign(call.UserId.Value, campaigns.Value.AsyncDrip, "calls_unanswered"));
    }
}
