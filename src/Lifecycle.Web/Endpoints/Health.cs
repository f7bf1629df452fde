using Lifecycle.Web.Common;

namespace Lifecycle.Web.Endpoints;

/// <summary>Liveness (the process answers) and readiness (the database answers, migrations applied).</summary>
internal sealed class Health : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).WithTags("Health");
    }
}
