using Lifecycle.Application.Common.Errors;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle;

public sealed record GetUser(Guid UserId) : IQuery<UserView>;

internal sealed class GetUserHandler(IUserRepository users) : IQueryHandler<GetUser, UserView>
{
    public async ValueTask<UserView> Handle(GetUser query, CancellationToken ct) =>
        UserView.From(await users.FindAsync(new UserId(query.UserId), ct) ?? throw new NotFoundException("User", query.UserId));
}
