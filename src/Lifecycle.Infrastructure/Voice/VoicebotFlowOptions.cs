using FluentValidation;
using Microsoft.Extensions.Configuration;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>
/// <c>Exotel:Voicebot:Flows</c>: the Exotel flow (app) id each voicebot call plays — <c>activation</c>,
/// <c>win_back</c>, <c>support</c> (guide §3.6). <c>Calls/connect</c> runs the flow at its start_voice URL.
/// </summary>
public sealed class VoicebotFlowOptions
{
    public const string Section = "Exotel:Voicebot:Flows";

    public string Activation { get; set; } = string.Empty;

    [ConfigurationKeyName("win_back")]
    public string WinBack { get; set; } = string.Empty;

    public string Support { get; set; } = string.Empty;
}

internal sealed class VoicebotFlowOptionsValidator : AbstractValidator<VoicebotFlowOptions>
{
    public VoicebotFlowOptionsValidator()
    {
        // Named as the configuration spells them (Exotel:Voicebot:Flows:win_back), so the start-up error names the key.
        RuleFor(options => options.Activation).Must(IsFlowId).OverridePropertyName("activation").WithMessage(Message);
        RuleFor(options => options.WinBack).Must(IsFlowId).OverridePropertyName("win_back").WithMessage(Message);
        RuleFor(options => options.Support).Must(IsFlowId).OverridePropertyName("support").WithMessage(Message);
    }

    private const string Message = "is required: the id of the Exotel voicebot flow, without spaces (was '{PropertyValue}')";

    private static bool IsFlowId(string flow) => !string.IsNullOrEmpty(flow) && !flow.Any(char.IsWhiteSpace);
}
