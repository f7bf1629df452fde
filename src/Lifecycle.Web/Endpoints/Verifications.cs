using Lifecycle.Application.Verify;
using Lifecycle.Web.Common;
using Mediator;

namespace Lifecycle.Web.Endpoints;

/// <summary><c>/api/verifications</c>: OTP verifications of a phone — start, check, resend, read (api.md, guide §3.1).</summary>
internal sealed class Verifications : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var verifications = app.MapGroup("/api/verifications").WithTags("Verifications").RequireAuthorization();

        verifications.MapPost("/", async (StartRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(new StartVerification(request.Phone, request.Purpose, request.UserId), ct)))
            .WithName("StartVerification")
            .WithSummary("Starts a new SMS OTP verification of a phone (202); the phone's pending verifications are superseded.");

        verifications.MapPost("/{id:guid}/check", async (Guid id, CheckRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CheckVerification(id, request.Otp), ct)))
            .WithName("CheckVerification")
            .WithSummary("Checks the code the user entered: approved, pending (with the wrong codes still allowed) or failed.");

        verifications.MapPost("/{id:guid}/resend", async (Guid id, ResendRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(new ResendVerification(id, request.Channel), ct)))
            .WithName("ResendVerification")
            .WithSummary("Sends a fresh code by SMS or voice call (202); 429 with Retry-After inside the resend cooldown.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        verifications.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetVerification(id), ct)))
            .WithName("GetVerification")
            .WithSummary("A verification: status, channel, attempts and expiry.");
    }

    internal sealed record StartRequest(string? Phone, string? Purpose, Guid? UserId);

    internal sealed record CheckRequest(string? Otp);

    internal sealed record ResendRequest(string? Channel);
}
