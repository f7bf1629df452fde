using Lifecycle.Application.Common.Errors;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle;

public sealed record GetTimeline(Guid UserId) : IQuery<Timeline>;

internal sealed class GetTimelineHandler(IUserRepository users, ITimelineReader timeline) : IQueryHandler<GetTimeline, Timeline>
{
    public async ValueTask<Timeline> Handle(GetTimeline query, CancellationToken ct)
    {
        var userId = new UserId(query.UserId);
        _ = await users.FindAsync(userId, ct) ?? throw new NotFoundException("User", query.UserId);
        return new Timeline(await timeline.ReadAsync(userId, ct));
    }
}
