using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Cqa;
using Lifecycle.Web.Common;
using Mediator;

namespace Lifecycle.Web.Endpoints;

/// <summary><c>/api/qa-tasks</c> and <c>/api/compliance-alerts</c>: the review work CQA scores leave (api.md).</summary>
internal sealed class QualityReviews : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Quality").RequireAuthorization();

        api.MapGet("/qa-tasks", async (string? status, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListQaTasks(status, page ?? 1, pageSize ?? PageRules.DefaultPageSize), ct)))
            .WithName("ListQaTasks")
            .WithSummary("A page of QA review tasks (a CQA score from 50 to below 70), newest first, optionally of one status.")
            .Produces<Paged<QaTaskView>>();

        api.MapGet("/compliance-alerts", async (string? status, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListComplianceAlerts(status, page ?? 1, pageSize ?? PageRules.DefaultPageSize), ct)))
            .WithName("ListComplianceAlerts")
            .WithSummary("A page of compliance alerts (a critical KPI scored 0), newest first, optionally of one status.")
            .Produces<Paged<ComplianceAlertView>>();
    }
}
