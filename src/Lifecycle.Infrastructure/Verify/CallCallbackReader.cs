using Lifecycle.Application.Lifecycle.Calls;
using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Verify;
using Lifecycle.Infrastructure.Common.Webhooks;
using Mediator;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// Reads <c>/webhooks/exotel/call</c>: Exotel's call status callback (<c>CallSid, Status, EventType, DateUpdated,
/// RecordingUrl, CustomField</c>; the v2 API's lowercase <c>call_sid, status, custom_field</c> too), keyed
/// <c>CallSid + Status + EventType</c>: an exact re-delivery is a duplicate, a new status of the same call a new event.
/// Identifying an event knows nothing of who placed the call; <see cref="ToCommand"/> routes it by its
/// <c>CustomField</c> to the module that owns the call — a call no module owns is dead-lettered, kept for inspection.
/// Today the only calls we place are Verify's voice OTP calls, so the reader lives with Verify (a product module may
/// not reach into another's commands); the Voice module takes it over when it places calls of its own.
/// </summary>
internal sealed class CallCallbackReader : SingleEventReader
{
    /// <summary>Exotel's call statuses (docs/exotel-wire.md "Voice v1").</summary>
    private static readonly Dictionary<string, CallProgress> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["queued"] = CallProgress.Ongoing,
        ["ringing"] = CallProgress.Ongoing,
        ["in-progress"] = CallProgress.Ongoing,
        ["completed"] = CallProgress.Answered,
        ["busy"] = CallProgress.NotAnswered,
        ["no-answer"] = CallProgress.NotAnswered,
        ["failed"] = CallProgress.NotAnswered,
        ["canceled"] = CallProgress.NotAnswered,
    };

    public override WebhookSource Source => CallWebhooks.Status;

    public override IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity)
    {
        var callSid = CallSid(fields)!;
        var progress = Statuses[fields.Text("Status")!];
        var customField = fields.Text("CustomField", "custom_field");
        if (VoiceOtpToken.VerificationIdOf(customField) is { } verificationId)
        {
            return new ApplyVoiceOtpCallStatus(verificationId, callSid, progress, identity.EventKey);
        }

        throw new ValidationException(
            [new ValidationFailure("CustomField", $"No module owns call {callSid}: CustomField '{customField}' names no voice OTP verification.")]);
    }

    protected override WebhookIdentity Identify(WebhookFields fields)
    {
        var problems = new FieldProblems();
        if (CallSid(fields) is null)
        {
            problems.Add("CallSid", "CallSid is required.");
        }

        if (fields.Text("Status") is not { } status || !Statuses.ContainsKey(status))
        {
            problems.Add("Status", $"Status must be one of {string.Join(", ", Statuses.Keys)}.");
        }

        problems.ThrowIfAny();
        var normalized = fields.Text("Status")!.ToLowerInvariant();
        return new WebhookIdentity($"{CallSid(fields)}|{normalized}|{fields.Text("EventType")?.ToLowerInvariant()}", $"call.{normalized}");
    }

    /// <summary>
    /// Exotel echoes the voice OTP call's <c>CustomField</c> — its single-use token, from which the code is derived — in
    /// every status callback: only the verification it names is stored, so that the inbox never holds a live code.
    /// </summary>
    protected override WebhookFields Stored(WebhookFields fields)
    {
        foreach (var name in new[] { "CustomField", "custom_field" })
        {
            if (VoiceOtpToken.VerificationIdOf(fields.Text(name)) is { } verificationId)
            {
                fields.Root[name] = $"{VoiceOtpToken.Prefix}{verificationId:D}";
            }
        }

        return fields;
    }

    private static string? CallSid(WebhookFields fields) => fields.Text("CallSid", "call_sid");
}
