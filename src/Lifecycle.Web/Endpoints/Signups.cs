using Lifecycle.Application.Verify;
using Lifecycle.Web.Common;
using Mediator;

namespace Lifecycle.Web.Endpoints;

/// <summary><c>POST /api/signups</c>: a new user and the SMS OTP that verifies their phone.</summary>
internal sealed class Signups : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/signups", async (SignupRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(new SignUp(request.Phone, request.Name), ct)))
            .WithTags("Signups")
            .RequireAuthorization()
            .WithName("SignUp")
            .WithSummary("Creates the user in ACQUIRED and starts an SMS OTP verification (202).");

    internal sealed record SignupRequest(string? Phone, string? Name);
}
