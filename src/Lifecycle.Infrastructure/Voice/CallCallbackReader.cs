using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Voice;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Mediator;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>
/// Reads <c>/webhooks/exotel/call</c>, POSTed or as a Passthru GET: Exotel's call status callback (<c>CallSid, Status,
/// EventType, ConversationDuration, RecordingUrl, CustomField</c>; the v2 API's lowercase names too), SmartConnect's
/// leg events (<c>EventType</c> <c>call-connect</c> / <c>call-end</c> with the agent and queue) and a flow's Passthru
/// (<c>CallType</c> instead of <c>Status</c>). Keyed <c>CallSid + Status (or passthru-CallType) + EventType</c>: an exact
/// re-delivery is a duplicate, a new state of the same call a new event. Every call reports here, so an event goes to
/// the module whose <see cref="ICallRoute"/> claims its <c>CustomField</c> (Verify's voice OTP calls), and otherwise to
/// the calls we place (<see cref="ApplyCallStatus"/>).
/// </summary>
internal sealed class CallCallbackReader(IEnumerable<ICallRoute> routes) : SingleEventReader
{
    /// <summary>The v1 callback's own events; any other <c>EventType</c> is a leg of the call (SmartConnect).</summary>
    private static readonly HashSet<string> StatusEvents = new(StringComparer.OrdinalIgnoreCase) { "terminal", "answered" };

    private readonly ICallRoute[] routes = [.. routes];

    public override WebhookSource Source => CallWebhooks.Status;

    public override bool AcceptsPassthru => true;

    public override IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity)
    {
        var eventType = fields.Text("EventType", "event_type");
        var report = new CallStatusReport(ExotelCallFields.CallSid(fields)!, ExotelCallFields.StatusOf(fields), ExotelCallFields.CustomField(fields), identity.EventKey)
        {
            DurationSeconds = ExotelCallFields.DurationSeconds(fields),
            RecordingUrl = ExotelCallFields.RecordingUrl(fields),
            LegEvent = eventType is not null && !StatusEvents.Contains(eventType) ? eventType.ToLowerInvariant() : null,
            AgentId = fields.Text("AgentId", "agent_id", "AgentUserId"),
            Queue = fields.Text("Queue", "queue", "QueueName", "queue_name"),
        };
        return RouteOf(report.CustomField) is { } route ? route.ToCommand(report) : new ApplyCallStatus(report);
    }

    protected override WebhookIdentity Identify(WebhookFields fields)
    {
        var problems = new FieldProblems();
        if (ExotelCallFields.CallSid(fields) is null)
        {
            problems.Add("CallSid", "CallSid is required.");
        }

        if (!ExotelCallFields.IsPassthru(fields) && ExotelCallFields.StatusWord(fields) is null)
        {
            problems.Add("Status", $"Status must be one of {string.Join(", ", ExotelCallFields.Statuses.Keys)}.");
        }

        problems.ThrowIfAny();
        var state = ExotelCallFields.StateKey(fields);
        return new WebhookIdentity($"{ExotelCallFields.CallSid(fields)}|{state}|{fields.Text("EventType", "event_type")?.ToLowerInvariant()}", $"call.{state}");
    }

    /// <summary>A route whose calls carry a secret in their <c>CustomField</c> (the voice OTP token) keeps it out of the inbox.</summary>
    protected override WebhookFields Stored(WebhookFields fields)
    {
        foreach (var name in new[] { "CustomField", "custom_field" })
        {
            if (fields.Text(name) is { } customField && RouteOf(customField) is { } route)
            {
                fields.Root[name] = route.Redact(customField);
            }
        }

        return ExotelCallFields.TrimDigits(fields);
    }

    private ICallRoute? RouteOf(string? customField) =>
        customField is null ? null : routes.FirstOrDefault(route => route.Claims(customField));
}
