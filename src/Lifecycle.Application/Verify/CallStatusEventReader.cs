using FluentValidation;
using FluentValidation.Results;
using Lifecycle.Application.Common.Webhooks;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>
/// Reads <c>POST /webhooks/exotel/call</c>. The event key is api.md's <c>CallSid + Status + EventType</c>: an exact
/// re-delivery is a duplicate, a new status of the same call is a new event. Identifying an event knows nothing of who
/// placed the call; <see cref="ToCommand"/> routes it by its <c>CustomField</c> to the module that owns the call.
/// Today that is Verify alone (voice OTP calls, <c>voice-otp:{verificationId}</c>); when the Voice module arrives it
/// takes this reader over and adds its own routes — a call no module owns is dead-lettered, kept for inspection.
/// </summary>
internal sealed class CallStatusEventReader : IWebhookEventReader
{
    public WebhookSource Source => WebhookSource.Call;

    public WebhookIdentity Identify(WebhookFields fields)
    {
        var failures = new List<ValidationFailure>();
        if (fields.Text("CallSid") is null)
        {
            failures.Add(new ValidationFailure("CallSid", "CallSid is required."));
        }

        if (fields.Text("Status") is not { } status || !CallStatuses.Known.Contains(status, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add(new ValidationFailure("Status", $"Status must be one of {string.Join(", ", CallStatuses.Known)}."));
        }

        return failures.Count > 0 ? throw new ValidationException(failures) : IdentityOf(fields);
    }

    /// <summary>The event key of api.md.</summary>
    public static WebhookIdentity IdentityOf(WebhookFields fields)
    {
        var status = fields.Text("Status")!.ToLowerInvariant();
        return new WebhookIdentity($"{fields.Text("CallSid")}|{status}|{fields.Text("EventType")?.ToLowerInvariant()}", $"call.{status}");
    }

    public IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity)
    {
        var callSid = fields.Text("CallSid")!;
        var status = fields.Text("Status")!.ToLowerInvariant();
        var customField = fields.Text("CustomField", "custom_field");
        if (VoiceOtpToken.VerificationIdOf(customField) is { } verificationId)
        {
            return new ApplyVoiceOtpCallStatus(verificationId, callSid, status, identity.EventKey);
        }

        throw new ValidationException(
            [new ValidationFailure("CustomField", $"No module owns call {callSid}: CustomField '{customField}' names no voice OTP verification.")]);
    }
}
