using System.Text.Json.Nodes;
using Exotel.Sandbox.Callbacks;
using Exotel.Sandbox.Campaigns;
using Exotel.Sandbox.Cqa;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;
using Exotel.Sandbox.Voice;
using Exotel.Sandbox.WhatsApp;

namespace Exotel.Sandbox.Control;

/// <summary>
/// The control API under <c>/sandbox</c> (no auth): read what the sandbox saw, choose outcomes, and play the end
/// user — read an OTP, write on WhatsApp, end a bot call or hand it to an agent, trigger chatbot and campaign events, finish a CQA analysis.
/// </summary>
internal static class ControlRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/sandbox");
        control.MapGet("/", Summary);
        control.MapGet("/otp/{phone}", Otp);
        control.MapPost("/whatsapp/inbound", WhatsAppInboundAsync);
        control.MapPost("/voicebot/{callSid}/outcome", (HttpContext http, string callSid, CallDesk desk) => CallOutcomeAsync(http, callSid, desk, voicebot: true));
        control.MapPost("/calls/{callSid}/outcome", (HttpContext http, string callSid, CallDesk desk) => CallOutcomeAsync(http, callSid, desk, voicebot: false));
        control.MapPost("/calls/{callSid}/agent", AgentAsync);
        control.MapPost("/chatbot/events", ChatbotEventAsync);
        control.MapPost("/campaigns/{campaignId}/events", CampaignEventAsync);
        control.MapPost("/cqa/{externalInteractionId}/result", CqaResultAsync);
        control.MapGet("/cqa/{externalInteractionId}/transcript", CqaTranscript);
        control.MapGet("/requests", (SandboxState state, string? product) => Ok(state.Requests(product)));
        control.MapGet("/messages", Messages);
        control.MapGet("/callbacks", (SandboxState state) => Ok(state.Callbacks));
        control.MapGet("/scenarios", (SandboxState state) => Ok(state.Scenarios.Rules));
        control.MapPost("/scenarios", AddScenariosAsync);
        control.MapDelete("/scenarios", (SandboxState state) =>
        {
            state.Scenarios.Clear();
            return Ok(new { rules = state.Scenarios.Rules });
        });
        control.MapPost("/reset", (SandboxState state) =>
        {
            state.Reset();
            return Ok(new { reset = true });
        });
        control.MapGet("/recordings/{file}", Recording);
    }

    private static IResult Ok(object body) => Results.Json(body, SandboxJson.Web);

    private static IResult Problem(int status, string error) => Results.Json(new { error }, SandboxJson.Web, statusCode: status);

    private static object? Delivery(CallbackAttempt? attempt, string? url) =>
        url is null ? null : new { url, status = attempt?.StatusCode, error = attempt?.Error };

    private static IResult Summary(SandboxState state, SandboxOptions options, HttpContext http) => Ok(new
    {
        baseUrl = http.SandboxBaseUrl(),
        accountSid = options.AccountSid,
        webhookBaseUrl = options.WebhookBaseUrl,
        requests = state.Requests().Count,
        sms = state.Sms.Count,
        calls = state.Calls.Count,
        whatsApp = state.WhatsAppMessages.Count,
        verifications = state.Verifications.Count,
        cqa = state.CqaInteractions.Count,
        callbacks = state.Callbacks.Count,
        rules = state.Scenarios.Rules.Count,
    });

    private static IResult Otp(string phone, SandboxState state)
    {
        var normalized = PhoneNumbers.FromUrl(phone);
        return state.LatestOtpDetails(normalized) is { } otp
            ? Ok(new { phone = otp.Phone, otp = otp.Otp, verificationSid = otp.VerificationSid, source = otp.Source, callSid = otp.CallSid })
            : Problem(StatusCodes.Status404NotFound, $"{normalized} has received no OTP");
    }

    private static async Task<IResult> WhatsAppInboundAsync(HttpContext http, SandboxState state, CallbackSender sender, SandboxOptions options, TimeProvider time)
    {
        var json = await SandboxJson.ReadAsync(http.Request, http.RequestAborted);
        var from = json.Text("from");
        var (body, button) = (json.Text("body"), json.Text("buttonPayload") ?? json.Text("button_payload"));
        if (!PhoneNumbers.IsE164(from))
        {
            return Problem(StatusCodes.Status400BadRequest, "from must be an E.164 number");
        }

        if (body is null && button is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "give body, buttonPayload or both");
        }

        var phone = PhoneNumbers.Normalize(from);
        var business = json.Text("to") ?? state.LastWhatsAppSenderTo(phone);
        var message = new SandboxInboundWhatsApp(
            Sids.WhatsApp(), phone, business is null ? string.Empty : PhoneNumbers.Normalize(business), body ?? button!, button, time.GetUtcNow());
        state.AddInbound(message);

        var payload = WhatsAppCallbacks.Inbound(message);

        var url = Webhook(options, "whatsapp");
        var attempt = url is null ? null : await sender.SendNowAsync(Callback.Json(Products.WhatsApp, url, payload), http.RequestAborted);
        return Ok(new { messageSid = message.Sid, windowOpenUntil = message.At + options.WhatsAppWindow, webhook = Delivery(attempt, url) });
    }

    private static async Task<IResult> CallOutcomeAsync(HttpContext http, string callSid, CallDesk desk, bool voicebot)
    {
        var json = await SandboxJson.ReadAsync(http.Request, http.RequestAborted);
        var outcome = json.Text("outcome")?.Trim().ToLowerInvariant();
        var state = http.RequestServices.GetRequiredService<SandboxState>();
        var call = state.FindCall(callSid);
        var allowed = voicebot ? Products.BotOutcomes : Products.CallOutcomes;
        if (call is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"no call '{callSid}'");
        }

        if (voicebot && !call.IsVoicebot)
        {
            return Problem(StatusCodes.Status409Conflict, $"call '{callSid}' is not a voicebot flow (a start_voice flow not configured as a greeting); use /sandbox/calls/{callSid}/outcome");
        }

        if (outcome is null || !allowed.Contains(outcome))
        {
            return Problem(StatusCodes.Status400BadRequest, $"outcome must be one of {string.Join(", ", allowed)}");
        }

        var duration = int.TryParse(json.Text("duration"), out var seconds) ? seconds : (int?)null;
        var settled = await desk.SettleAsync(callSid, outcome, duration, http.SandboxBaseUrl(), http.RequestAborted);
        return settled is { } result
            ? Ok(new { call = result.Call, callback = Delivery(result.Callback, result.Call.StatusCallback) })
            : Problem(StatusCodes.Status404NotFound, $"no call '{callSid}'");
    }

    /// <summary>The voicebot escalates the call to a SmartConnect queue and an agent answers: <c>{agentId, queue, duration?}</c>.</summary>
    private static async Task<IResult> AgentAsync(HttpContext http, string callSid, CallDesk desk, SandboxState state)
    {
        var json = await SandboxJson.ReadAsync(http.Request, http.RequestAborted);
        var (agentId, queue) = (json.Text("agentId") ?? json.Text("agent_id"), json.Text("queue"));
        if (agentId is null || queue is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "give {\"agentId\": …, \"queue\": …} (and \"duration\" in seconds if you like)");
        }

        if (state.FindCall(callSid) is not { } call)
        {
            return Problem(StatusCodes.Status404NotFound, $"no call '{callSid}'");
        }

        if (!call.IsVoicebot)
        {
            return Problem(StatusCodes.Status409Conflict, $"call '{callSid}' is not a voicebot flow: only a voicebot escalates to a SmartConnect queue");
        }

        var duration = int.TryParse(json.Text("duration"), out var seconds) ? seconds : (int?)null;
        var escalation = await desk.EscalateToAgentAsync(callSid, agentId, queue, duration, http.SandboxBaseUrl(), http.RequestAborted);
        return escalation is null
            ? Problem(StatusCodes.Status404NotFound, $"no call '{callSid}'")
            : Ok(new
            {
                call = escalation.Call,
                callConnect = Delivery(escalation.Connect, escalation.LegWebhook),
                callEnd = Delivery(escalation.End, escalation.LegWebhook),
                callback = Delivery(escalation.Status, escalation.Call.StatusCallback),
            });
    }

    private static async Task<IResult> ChatbotEventAsync(HttpContext http, CallbackSender sender, SandboxOptions options, TimeProvider time)
    {
        if (await SandboxJson.ReadAsync(http.Request, http.RequestAborted) is not JsonObject payload)
        {
            return Problem(StatusCodes.Status400BadRequest, "the body must be a JSON object (an Exotel chatbot event)");
        }

        if (payload["timestamp"] is null)
        {
            payload["timestamp"] = Replies.Date(time.GetUtcNow());
        }

        return await ForwardAsync(http, sender, options, Products.Chatbot, payload);
    }

    private static async Task<IResult> CampaignEventAsync(HttpContext http, string campaignId, CallbackSender sender, SandboxState state, SandboxOptions options, TimeProvider time)
    {
        var json = await SandboxJson.ReadAsync(http.Request, http.RequestAborted);
        var (phone, eventName) = (json.Text("phone"), json.Text("event") ?? "responded");
        if (!PhoneNumbers.IsE164(phone))
        {
            return Problem(StatusCodes.Status400BadRequest, "phone must be an E.164 number");
        }

        var normalized = PhoneNumbers.Normalize(phone);
        var userId = json.Text("user_id") ?? state.Enrollments.LastOrDefault(enrollment => enrollment.CampaignId == campaignId && enrollment.Phone == normalized)?.UserId;
        var payload = CampaignRoutes.Event(eventName, campaignId, normalized, userId, json.Text("channel") ?? "whatsapp", time.GetUtcNow());
        return await ForwardAsync(http, sender, options, Products.Campaigns, payload);
    }

    private static async Task<IResult> ForwardAsync(HttpContext http, CallbackSender sender, SandboxOptions options, string product, JsonObject payload)
    {
        if (Webhook(options, product) is not { } url)
        {
            return Problem(StatusCodes.Status409Conflict, "Sandbox:WebhookBaseUrl is not set: there is nowhere to send the event");
        }

        var attempt = await sender.SendNowAsync(Callback.Json(product, url, payload), http.RequestAborted);
        return Results.Content(
            new JsonObject { ["forwarded"] = payload.DeepClone(), ["webhook"] = new JsonObject { ["url"] = url, ["status"] = attempt.StatusCode, ["error"] = attempt.Error } }
                .ToJsonString(SandboxJson.Options),
            Replies.JsonContentType);
    }

    /// <summary>What the interaction detail's <c>transcript_url</c> points at: the turns of a completed analysis.</summary>
    private static IResult CqaTranscript(string externalInteractionId, SandboxState state) =>
        state.Interaction(externalInteractionId) is { Status: { Status: "COMPLETED" } status }
            ? Ok(new { external_interaction_id = externalInteractionId, transcript = CqaDesk.Transcript(status.Score ?? CqaDesk.DefaultScore) })
            : Problem(StatusCodes.Status404NotFound, $"no transcript for '{externalInteractionId}'");

    private static async Task<IResult> CqaResultAsync(HttpContext http, string externalInteractionId, CqaDesk desk)
    {
        var json = await SandboxJson.ReadAsync(http.Request, http.RequestAborted);
        var failed = string.Equals(json.Text("failed"), "true", StringComparison.OrdinalIgnoreCase);
        double? score = double.TryParse(json.Text("score"), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        if (!failed && score is not (>= 0 and <= 100))
        {
            return Problem(StatusCodes.Status400BadRequest, "give {\"score\": 0–100} or {\"failed\": true}");
        }

        var settled = await desk.SettleAsync(externalInteractionId, failed ? new CqaStatus("FAILED", null) : new CqaStatus("COMPLETED", score), http.RequestAborted);
        return settled is { } result
            ? Ok(new { externalInteractionId, status = result.Status.Status, score = result.Status.Score, callback = new { status = result.Callback?.StatusCode, error = result.Callback?.Error } })
            : Problem(StatusCodes.Status404NotFound, $"no interaction '{externalInteractionId}'");
    }

    private static IResult Messages(SandboxState state) => Ok(new
    {
        sms = state.Sms,
        whatsApp = state.WhatsAppMessages,
        inboundWhatsApp = state.InboundWhatsAppMessages,
        calls = state.Calls,
        verifications = state.Verifications,
        cqa = state.CqaInteractions,
        enrollments = state.Enrollments,
        contacts = state.Contacts,
    });

    private static async Task<IResult> AddScenariosAsync(HttpContext http, SandboxState state)
    {
        using var reader = new StreamReader(http.Request.Body);
        try
        {
            var rules = ScenarioValidation.Parse(await reader.ReadToEndAsync(http.RequestAborted));
            state.Scenarios.Add(rules);
            return Ok(new { added = rules.Count, rules = state.Scenarios.Rules });
        }
        catch (ScenarioException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, exception.Message);
        }
    }

    /// <summary>One second of 8 kHz 16-bit mono silence: what a recording URL of the sandbox serves.</summary>
    private static IResult Recording(string file, SandboxState state)
    {
        var sid = Path.GetFileNameWithoutExtension(file);
        if (state.FindCall(sid) is not { RecordingUrl: not null })
        {
            return Problem(StatusCodes.Status404NotFound, $"no recording for '{sid}'");
        }

        const int SampleRate = 8000;
        const int DataBytes = SampleRate * 2;
        using var wav = new MemoryStream();
        using (var writer = new BinaryWriter(wav, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + DataBytes);
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)1);
            writer.Write(SampleRate);
            writer.Write(SampleRate * 2);
            writer.Write((short)2);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(DataBytes);
            writer.Write(new byte[DataBytes]);
        }

        return Results.File(wav.ToArray(), "audio/wav", $"{sid}.wav");
    }

    private static string? Webhook(SandboxOptions options, string product) => options.DashboardWebhook(product);
}
