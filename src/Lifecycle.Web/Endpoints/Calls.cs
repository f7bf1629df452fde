using System.Text.Json;
using Lifecycle.Application.Voice;
using Lifecycle.Web.Common;
using Mediator;

namespace Lifecycle.Web.Endpoints;

/// <summary>
/// <c>POST /api/users/{id}/calls</c> (a voicebot flow or an agent's click-to-call) and <c>GET /api/calls/{callSid}</c>
/// (what the voicebot's tool reads about the call it is on) — api.md, guide §3.2, §3.6.
/// </summary>
internal sealed class Calls : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/users/{id:guid}/calls", async (Guid id, CallRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted(
                    (string?)null,
                    await mediator.Send(
                        new RequestCall(id, request.Purpose, request.AgentId, request.TicketId, ContextOf(request.Context), request.ChatSessionId), ct)))
            .WithTags("Calls")
            .RequireAuthorization()
            .WithName("RequestCall")
            .WithSummary("Places a voicebot call (activation, win_back, support) or an agent's click-to-call (agent, agentId); 202 {callId}.");

        app.MapGet("/api/calls/{callSid}", async (string callSid, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCallContext(callSid), ct)))
            .WithTags("Calls")
            .RequireAuthorization()
            .WithName("GetCallContext")
            .WithSummary("The call a voicebot tool is on, by its CallSid: user, purpose, custom field, chat session and context.");
    }

    /// <summary>Any JSON value but null is kept as its text.</summary>
    private static string? ContextOf(JsonElement? context) =>
        context is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value.GetRawText() : null;

    internal sealed record CallRequest(string? Purpose, string? AgentId, string? TicketId, JsonElement? Context, string? ChatSessionId);
}
