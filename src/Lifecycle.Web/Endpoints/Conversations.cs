using Lifecycle.Application.Lifecycle;
using Lifecycle.Web.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Lifecycle.Web.Endpoints;

/// <summary><c>GET /api/conversations</c>: a user's conversations, or the one behind a chatbot session id.</summary>
internal sealed class Conversations : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet(
                "/api/conversations",
                async ([FromQuery(Name = "session_id")] string? sessionId, [FromQuery(Name = "user_id")] Guid? userId, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new ListConversations(sessionId, userId), ct)))
            .WithTags("Conversations")
            .RequireAuthorization()
            .WithName("ListConversations")
            .WithSummary("Conversations by chatbot session id or by user (guide §6).");
}
