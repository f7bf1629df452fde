using Lifecycle.Application.Chatbot;
using Lifecycle.Web.Common;
using Mediator;

namespace Lifecycle.Web.Endpoints;

/// <summary><c>GET /api/sessions/{chatSessionId}</c>: the chat context the support voicebot's tool reads (api.md, guide §6).</summary>
internal sealed class Sessions : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/sessions/{chatSessionId}", async (string chatSessionId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetChatSession(chatSessionId), ct)))
            .WithTags("Sessions")
            .RequireAuthorization()
            .WithName("GetChatSession")
            .WithSummary("A chat session's user and the bot's context (issue summary, intent, prior steps, resolution attempts).")
            .Produces<ChatSessionView>();
}
