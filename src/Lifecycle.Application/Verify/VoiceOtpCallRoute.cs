using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Verify;

/// <summary>
/// Claims the status callbacks of voice OTP calls (<c>CustomField</c> = <see cref="VoiceOtpToken"/>) and keeps the
/// token — from which the code is derived — out of the inbox: only the verification it names is stored.
/// </summary>
public sealed class VoiceOtpCallRoute : ICallRoute
{
    public bool Claims(string customField) => VoiceOtpToken.VerificationIdOf(customField) is not null;

    public string Redact(string customField) =>
        VoiceOtpToken.VerificationIdOf(customField) is { } verificationId ? $"{VoiceOtpToken.Prefix}{verificationId:D}" : customField;

    public IBaseCommand ToCommand(CallStatusReport report) =>
        new ApplyVoiceOtpCallStatus(VoiceOtpToken.VerificationIdOf(report.CustomField)!.Value, report.CallSid, ProgressOf(report.Status), report.EventKey);

    private static CallProgress ProgressOf(CallStatus status) => status switch
    {
        CallStatus.Completed => CallProgress.Answered,
        _ when status.IsEnd() => CallProgress.NotAnswered,
        _ => CallProgress.Ongoing,
    };
}
