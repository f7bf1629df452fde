using FluentValidation;

namespace Lifecycle.Application.Common.Persistence;

/// <summary>The paging every list of api.md shares: pages from 1, <c>pageSize</c> 1–200 (default 50).</summary>
public static class PageRules
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static void AddPageRules<T>(this AbstractValidator<T> validator, Func<T, int> page, Func<T, int> pageSize)
    {
        validator.RuleFor(query => page(query)).GreaterThanOrEqualTo(1).OverridePropertyName("page");
        validator.RuleFor(query => pageSize(query)).InclusiveBetween(1, MaxPageSize).OverridePropertyName("pageSize");
    }
}
