using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Voice;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>
/// The call port over <see cref="ExotelCalls"/>: a voicebot call is a v1 <c>Calls/connect</c> from the user's number
/// to the flow <c>Exotel:Voicebot:Flows:{purpose}</c>, its terminal status sent to the voicebot webhook; an agent call
/// is a v2 CCM click-to-call from the agent, recorded dual-channel, its terminal status sent to the call webhook. A
/// request whose fate Exotel did not tell us is an unknown outcome, never a reason to ask again.
/// </summary>
internal sealed class ExotelCallGateway(ExotelCalls calls, IOptions<VoicebotFlowOptions> flows) : ICallGateway
{
    public async Task<CallPlacementResult> PlaceAsync(CallToPlace call, CancellationToken ct)
    {
        try
        {
            var placement = call.Purpose == CallPurpose.Agent
                ? await calls.ConnectAgentAsync(new AgentCallToConnect(call.AgentId!, call.Phone, call.CustomField), ct)
                : await calls.ConnectAsync(
                    new CallToConnect { From = call.Phone, Url = calls.FlowUrl(FlowOf(call.Purpose)), CustomField = call.CustomField, Callback = CallCallback.Voicebot },
                    ct);
            return placement switch
            {
                CallPlacement.Placed placed => new CallPlacementResult.Placed(placed.Call.Sid),
                CallPlacement.Refused refused => new CallPlacementResult.Refused(refused.Code, refused.Message),
                _ => throw new InvalidOperationException($"Unexpected placement {placement}."),
            };
        }
        catch (Exception exception) when (ProviderOutcomeUnknownException.FindIn(exception) is { } unknown)
        {
            return new CallPlacementResult.OutcomeUnknown(unknown.Message);
        }
    }

    private string FlowOf(CallPurpose purpose) => purpose switch
    {
        CallPurpose.Activation => flows.Value.Activation,
        CallPurpose.WinBack => flows.Value.WinBack,
        CallPurpose.Support => flows.Value.Support,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Only voicebot calls play a flow."),
    };
}
