namespace Lifecycle.Web.Common;

/// <summary>A feature's routes, discovered at start-up; one group per file under <c>Endpoints/</c>.</summary>
internal interface IEndpointGroup
{
    void Map(IEndpointRouteBuilder app);
}

internal static class EndpointGroups
{
    public static void MapEndpointGroups(this IEndpointRouteBuilder app)
    {
        var groups = typeof(IEndpointGroup).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsInterface: false } && typeof(IEndpointGroup).IsAssignableFrom(type));
        foreach (var group in groups)
        {
            ((IEndpointGroup)Activator.CreateInstance(group)!).Map(app);
        }
    }
}
