using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Web.Common;
using Mediator;

namespace Lifecycle.Web.Endpoints;

/// <summary><c>/api/users</c>: the lifecycle state the product backend reads and signals (api.md).</summary>
internal sealed class Users : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization();

        users.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetUser(id), ct)))
            .WithName("GetUser")
            .WithSummary("A user and their lifecycle stage.");

        users.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(new OffboardUser(id), ct)))
            .WithName("OffboardUser")
            .WithSummary("GDPR offboarding: OFFBOARDED at once, a confirmation SMS queued, name and phone erased once it is handed to Exotel.");

        users.MapGet("/", async (string? stage, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListUsers(stage, page ?? 1, pageSize ?? PageRules.DefaultPageSize), ct)))
            .WithName("ListUsers")
            .WithSummary("A page of users, optionally in one stage.")
            .Produces<Paged<UserView>>();

        users.MapGet("/{id:guid}/timeline", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetTimeline(id), ct)))
            .WithName("GetTimeline")
            .WithSummary("Transitions and messages, oldest first.");

        users.MapPost("/{id:guid}/events", async (Guid id, ProductEventRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(new RecordProductEvent(id, request.Type, request.OccurredAt), ct)))
            .WithName("RecordProductEvent")
            .WithSummary("A product signal: login, key_action, usage, usage_drop or billing_flag.");

        users.MapPost("/{id:guid}/messages", async (Guid id, MessageRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(
                    new SendNotification(id, request.Notification, request.Variables, request.Channel), ct)))
            .WithName("SendNotification")
            .WithSummary("A named notification through the channel ladder (202 with the first message and its channel).");

        users.MapPut("/{id:guid}/preferences", async (Guid id, PreferencesRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(
                    new UpdatePreferences(id, request.OptOutSms, request.OptOutWhatsapp, request.ChannelPreference), ct)))
            .WithName("UpdatePreferences")
            .WithSummary("Opt-outs and the preferred channel.");
    }

    internal sealed record ProductEventRequest(string? Type, DateTimeOffset? OccurredAt);

    internal sealed record MessageRequest(string? Notification, Dictionary<string, string>? Variables, string? Channel);

    internal sealed record PreferencesRequest(bool? OptOutSms, bool? OptOutWhatsapp, string? ChannelPreference);
}
