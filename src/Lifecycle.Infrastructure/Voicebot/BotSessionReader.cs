using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Voicebot;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Mediator;

namespace Lifecycle.Infrastructure.Voicebot;

/// <summary>
/// Reads <c>/webhooks/exotel/voicebot</c>, POSTed or as a Passthru GET: the end of a voicebot flow's session
/// (<c>BotSessionId, BotOutcome</c>, which Exotel documents nowhere — we accept them in any case, and the lowercase v2
/// spellings) with the call's own <c>Status</c>, <c>RecordingUrl</c> and duration, or a Passthru from inside the flow
/// (<c>CallType</c>, no <c>Status</c>). Keyed <c>CallSid + BotSessionId + BotOutcome + Status</c>. Only <c>CallSid</c> is
/// required: an outcome we have no rule for is recorded, never refused — a 4xx makes Exotel drop the callback.
/// </summary>
internal sealed class BotSessionReader : SingleEventReader
{
    /// <summary>The flows' outcome words (guide §3.6, policies.md), in any case.</summary>
    private static readonly Dictionary<string, SessionOutcome> Outcomes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["activated"] = SessionOutcome.Resolved,
        ["resolved"] = SessionOutcome.Resolved,
        ["offer_accepted"] = SessionOutcome.OfferAccepted,
        ["declined"] = SessionOutcome.Declined,
        ["escalated"] = SessionOutcome.Escalated,
        ["escalated_to_agent"] = SessionOutcome.Escalated,
        ["unanswered"] = SessionOutcome.Unanswered,
    };

    public override WebhookSource Source => CallWebhooks.BotSession;

    public override bool AcceptsPassthru => true;

    public override IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity)
    {
        var outcome = OutcomeOf(fields);
        return new ApplyBotSessionEnd(
            ExotelCallFields.CallSid(fields)!,
            ExotelCallFields.CustomField(fields),
            SessionIdOf(fields),
            outcome is null ? null : Outcomes.GetValueOrDefault(outcome, SessionOutcome.Other),
            outcome?.ToLowerInvariant(),
            ExotelCallFields.StatusOf(fields),
            identity.EventKey)
        {
            DurationSeconds = ExotelCallFields.DurationSeconds(fields),
            RecordingUrl = ExotelCallFields.RecordingUrl(fields),
        };
    }

    protected override WebhookIdentity Identify(WebhookFields fields)
    {
        var callSid = ExotelCallFields.CallSid(fields)
            ?? throw new ValidationException([new ValidationFailure("CallSid", "CallSid is required.")]);

        var outcome = OutcomeOf(fields)?.ToLowerInvariant();
        var state = ExotelCallFields.StateKey(fields);
        return new WebhookIdentity($"{callSid}|{SessionIdOf(fields)}|{outcome}|{state}", $"voicebot.{outcome ?? state}");
    }

    protected override WebhookFields Stored(WebhookFields fields) => ExotelCallFields.TrimDigits(fields);

    private static string? OutcomeOf(WebhookFields fields) => fields.Text("BotOutcome", "bot_outcome", "Outcome", "outcome");

    private static string? SessionIdOf(WebhookFields fields) => fields.Text("BotSessionId", "bot_session_id", "SessionId", "session_id");
}
