using FluentValidation;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle;

public sealed record ListUsers(string? Stage, int Page = 1, int PageSize = PageRules.DefaultPageSize) : IQuery<Paged<UserView>>;

internal sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public ListUsersValidator()
    {
        RuleFor(query => query.Stage)
            .Must(stage => stage is null || StageNames.Wire.TryParse(stage, out _))
            .WithMessage($"stage must be one of {string.Join(", ", StageNames.Wire.All)}.");
        this.AddPageRules(query => query.Page, query => query.PageSize);
    }
}

internal sealed class ListUsersHandler(IUserRepository users) : IQueryHandler<ListUsers, Paged<UserView>>
{
    public async ValueTask<Paged<UserView>> Handle(ListUsers query, CancellationToken ct)
    {
        LifecycleStage? stage = query.Stage is null ? null : StageNames.Wire.Parse(query.Stage);
        var page = await users.ListAsync(stage, new PageRequest(query.Page, query.PageSize), ct);
        return new Paged<UserView>([.. page.Items.Select(UserView.From)], page.Page, page.PageSize, page.Total);
    }
}
