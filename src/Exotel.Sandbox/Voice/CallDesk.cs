using System.Globalization;
using System.Text.RegularExpressions;
using Exotel.Sandbox.Callbacks;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Voice;

/// <summary>
/// Accepts a call (v1 <c>Calls/connect</c> or v2 CCM): files it <c>in-progress</c>, decides how it ends
/// (default <c>completed</c>, 45 s, recorded; a voicebot flow also ends with a <c>BotSessionId</c> and
/// <c>BotOutcome=resolved</c>) and, after the delay, speaks the text of a Greeting flow once the call is answered (so
/// a voice OTP read out by the greeting reaches the phone) and sends the form-urlencoded terminal callback.
/// </summary>
internal sealed partial class CallDesk(SandboxState state, ScenarioBook scenarios, CallbackSender sender, CallbackScheduler scheduler, SandboxOptions options, TimeProvider time)
{
    public const int DefaultDuration = 45;

    public SandboxCall Accept(CallRequest request, string baseUrl)
    {
        var now = time.GetUtcNow();
        var products = request.IsVoicebot ? new[] { Products.Voicebot, Products.Calls } : [Products.Calls];
        var rule = scenarios.OutcomeFor(products, request.Phone, request.To);
        var delay = rule?.Delay ?? options.CallbackDelay;
        var botSession = request.IsVoicebot ? Sids.BotSession() : null;
        var final = Final(request, rule, now, now + delay, baseUrl, botSession);
        var timeline = new Timeline<CallStatus>(now, new CallStatus("in-progress", now, null, 0, null, botSession, null));
        timeline.Add(now + delay, final);
        var callbackLost = rule?.NoCallback == true;
        var entry = new CallEntry(request, timeline, callbackLost);
        state.Add(entry);

        scheduler.Schedule(delay, async ct =>
        {
            await SpeakGreetingAsync(request, final, ct);
            if (rule?.Passthru is { } passthru)
            {
                await sender.PassthruAsync(passthru, PassthruFields(request, final), ct);
            }

            if (!callbackLost && request.StatusCallback is { } url)
            {
                sender.SendLater(Callback.Form(request.IsVoicebot ? Products.Voicebot : Products.Calls, url, CallbackFields(request, final)), TimeSpan.Zero, entry.Pending.Token);
            }
        }, entry.Pending.Token);

        return state.FindCall(request.Sid)!;
    }

    /// <summary>
    /// The end user ends the call now with <paramref name="outcome"/> (a call status or, for a voicebot call, a
    /// BotOutcome): any pending automatic callback is cancelled and the terminal callback is sent at once.
    /// </summary>
    public async Task<(SandboxCall Call, CallbackAttempt? Callback)?> SettleAsync(string callSid, string outcome, int? duration, string baseUrl, CancellationToken ct)
    {
        if (Settle(callSid, outcome, duration, baseUrl) is not var (request, final))
        {
            return null;
        }

        return (state.FindCall(callSid)!, await SendTerminalAsync(request, final, ct));
    }

    /// <summary>
    /// The voicebot escalates its call to a SmartConnect queue and <paramref name="agentId"/> answers (guide §4.4, §6): the
    /// queue's <c>call-connect</c> and, when the agent hangs up, <c>call-end</c> go to the account's call webhook, then the
    /// flow ends on the call's StatusCallback with <c>BotOutcome=escalated_to_agent</c>. Exotel documents no payload for
    /// SmartConnect's leg events: the fields are the guide's (docs/sandbox.md "Agent escalation").
    /// </summary>
    public async Task<AgentEscalation?> EscalateToAgentAsync(string callSid, string agentId, string queue, int? duration, string baseUrl, CancellationToken ct)
    {
        if (state.FindCall(callSid) is not { IsVoicebot: true } call)
        {
            return null;
        }

        var legs = options.DashboardWebhook("call");
        var connect = await SendLegAsync(legs, LegFields(call, "call-connect", "in-progress", agentId, queue), ct);
        if (Settle(callSid, "escalated_to_agent", duration, baseUrl) is not var (request, final))
        {
            return null;
        }

        var end = await SendLegAsync(legs, [.. LegFields(call, "call-end", final.Status, agentId, queue),
            new("RecordingUrl", final.RecordingUrl), new("ConversationDuration", final.Duration.ToString(CultureInfo.InvariantCulture))], ct);
        return new AgentEscalation(state.FindCall(callSid)!, legs, connect, end, await SendTerminalAsync(request, final, ct));
    }

    private (CallRequest Request, CallStatus Final)? Settle(string callSid, string outcome, int? duration, string baseUrl)
    {
        var now = time.GetUtcNow();
        CallStatus? final = null;
        var request = state.SettleCall(callSid, (call, initial) =>
        {
            var product = Products.BotOutcomes.Contains(outcome) ? Products.Voicebot : Products.Calls;
            var rule = new ScenarioRule { Product = product, Outcome = outcome, Duration = duration };
            final = Final(call, rule, call.DateCreated, now, baseUrl, initial.BotSessionId ?? (call.IsVoicebot ? Sids.BotSession() : null));
            return final;
        });
        return request is null || final is null ? null : (request, final);
    }

    private async Task<CallbackAttempt?> SendTerminalAsync(CallRequest request, CallStatus final, CancellationToken ct)
    {
        await SpeakGreetingAsync(request, final, ct);
        return request.StatusCallback is { } url
            ? await sender.SendNowAsync(Callback.Form(request.IsVoicebot ? Products.Voicebot : Products.Calls, url, CallbackFields(request, final)), ct)
            : null;
    }

    private async Task<CallbackAttempt?> SendLegAsync(string? url, IEnumerable<KeyValuePair<string, string?>> fields, CancellationToken ct) =>
        url is null ? null : await sender.SendNowAsync(Callback.Form(Products.Calls, url, fields), ct);

    private List<KeyValuePair<string, string?>> LegFields(SandboxCall call, string eventType, string status, string agentId, string queue) =>
    [
        new("CallSid", call.Sid),
        new("EventType", eventType),
        new("Status", status),
        new("AgentId", agentId),
        new("Queue", queue),
        new("CustomField", call.CustomField ?? string.Empty),
        new("DateUpdated", Replies.Date(time.GetUtcNow())),
    ];

    /// <summary>The fields of <c>Call</c> in replies to connect and status.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Envelope(SandboxCall call, string accountSid) =>
    [
        new("Sid", call.Sid),
        new("ParentCallSid", null),
        new("AccountSid", accountSid),
        new("From", call.From),
        new("To", call.To),
        new("PhoneNumberSid", call.CallerId),
        new("Status", call.Status),
        new("StartTime", Replies.Date(call.StartTime)),
        new("EndTime", Replies.Date(call.EndTime)),
        new("Duration", call.EndTime is null ? null : call.Duration),
        new("Direction", "outbound-api"),
        new("RecordingUrl", call.RecordingUrl),
        new("CustomField", call.CustomField),
        new("DateCreated", Replies.Date(call.DateCreated)),
    ];

    private static CallStatus Final(CallRequest request, ScenarioRule? rule, DateTimeOffset start, DateTimeOffset end, string baseUrl, string? botSession)
    {
        var botRule = rule?.Product == Products.Voicebot;
        var status = rule?.Outcome is { } outcome
            ? botRule ? (outcome == "unanswered" ? "no-answer" : "completed") : outcome
            : "completed";
        string? botOutcome = null;
        if (request.IsVoicebot)
        {
            botOutcome = botRule && rule?.Outcome is { } bot ? bot : status == "completed" ? "resolved" : "unanswered";
        }

        var answered = status == "completed";
        var duration = answered ? rule?.Duration ?? DefaultDuration : 0;
        var recording = answered && request.Record ? $"{baseUrl.TrimEnd('/')}/sandbox/recordings/{request.Sid}.wav" : null;
        return new CallStatus(status, start, end, duration, recording, botSession, botOutcome);
    }

    private static IEnumerable<KeyValuePair<string, string?>> CallbackFields(CallRequest request, CallStatus final)
    {
        var duration = final.Duration.ToString(CultureInfo.InvariantCulture);
        var fields = new List<KeyValuePair<string, string?>>
        {
            new("CallSid", request.Sid),
            new("Status", final.Status),
            new("Duration", duration),
            new("ConversationDuration", duration),
            new("RecordingUrl", final.RecordingUrl),
            new("CustomField", request.CustomField ?? string.Empty),
            new("EventType", "terminal"),
            new("DateUpdated", Replies.Date(final.EndTime)),
        };
        if (request.IsVoicebot)
        {
            fields.Add(new("BotSessionId", final.BotSessionId));
            fields.Add(new("BotOutcome", final.BotOutcome));
        }

        return fields;
    }

    /// <summary>
    /// The query of a Passthru applet placed at the end of the flow (support article 48283 "Working with Passthru
    /// applet"): the documented call details — <c>EndTime</c> is the constant the page names, <c>CallType</c>
    /// <c>completed</c> when a conversation happened, else <c>call-attempt</c> — plus what a voicebot flow adds.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> PassthruFields(CallRequest request, CallStatus final)
    {
        var answered = final.Status == "completed";
        var fields = new List<KeyValuePair<string, string?>>
        {
            new("CallSid", request.Sid),
            new("CallFrom", request.From),
            new("CallTo", request.CallerId),
            new("Direction", "outbound-dial"),
            new("DialCallDuration", final.Duration.ToString(CultureInfo.InvariantCulture)),
            new("StartTime", Replies.Date(final.StartTime)),
            new("CurrentTime", Replies.Date(final.EndTime)),
            new("EndTime", "1970-01-01 05:30:00"),
            new("CallType", answered ? "completed" : "call-attempt"),
            new("RecordingUrl", final.RecordingUrl),
            new("CustomField", request.CustomField),
        };
        if (request.IsVoicebot)
        {
            fields.Add(new("BotSessionId", final.BotSessionId));
            fields.Add(new("BotOutcome", final.BotOutcome));
        }

        return fields;
    }

    /// <summary>
    /// An answered call playing a Greeting flow: read its text as Exotel's Greeting applet does, keep it, and let the
    /// phone "hear" a code spoken in it.
    /// </summary>
    private async Task SpeakGreetingAsync(CallRequest request, CallStatus final, CancellationToken ct)
    {
        if (request.GreetingTextUrl is null || final.Status != "completed")
        {
            return;
        }

        var text = await sender.ReadGreetingTextAsync(request.GreetingTextUrl, [
            new("CallSid", request.Sid), new("From", request.From), new("To", request.CallerId),
            new("DialWhomNumber", string.Empty), new("CustomField", request.CustomField)], ct);
        if (text is null)
        {
            return;
        }

        state.SetGreetingText(request.Sid, text);
        if (SpokenCode(text) is { } code)
        {
            state.AddVoiceOtp(request.Phone, code, request.Sid);
        }
    }

    /// <summary>The first run of 4–8 digits (spaces, commas and dashes allowed between them) in the spoken text.</summary>
    internal static string? SpokenCode(string text) =>
        DigitRun().Matches(text)
            .Select(match => new string(match.Value.Where(char.IsDigit).ToArray()))
            .FirstOrDefault(digits => digits.Length is >= 4 and <= 8);

    [GeneratedRegex(@"\d(?:[ ,\-]*\d)*")]
    private static partial Regex DigitRun();
}

/// <summary>What <see cref="CallDesk.EscalateToAgentAsync"/> sent: the two SmartConnect leg events and the flow's end.</summary>
internal sealed record AgentEscalation(SandboxCall Call, string? LegWebhook, CallbackAttempt? Connect, CallbackAttempt? End, CallbackAttempt? Status);
