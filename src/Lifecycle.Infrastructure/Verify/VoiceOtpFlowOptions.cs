using FluentValidation;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// <c>Exotel:VoiceOtp</c>: the Exotel flow the voice OTP call plays. <c>Calls/connect</c> can only play a flow, so the
/// code is spoken by that flow's Greeting applet, which reads its text from <c>{Webhooks:PublicBaseUrl}/exoml/voice-otp</c>.
/// </summary>
public sealed class VoiceOtpFlowOptions
{
    public const string Section = "Exotel:VoiceOtp";

    /// <summary>The flow (app) id, as App Bazaar lists it.</summary>
    public string Flow { get; set; } = string.Empty;
}

internal sealed class VoiceOtpFlowOptionsValidator : AbstractValidator<VoiceOtpFlowOptions>
{
    public VoiceOtpFlowOptionsValidator() =>
        RuleFor(options => options.Flow)
            .NotEmpty()
            .WithMessage("is required: the id of the Exotel flow whose Greeting applet reads {Webhooks:PublicBaseUrl}/exoml/voice-otp")
            .Must(flow => !flow.Any(char.IsWhiteSpace))
            .When(options => !string.IsNullOrEmpty(options.Flow), ApplyConditionTo.CurrentValidator)
            .WithMessage("must be a flow id without spaces (was '{PropertyValue}')");
}
