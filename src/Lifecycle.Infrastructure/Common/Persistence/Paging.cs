using Lifecycle.Application.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Common.Persistence;

internal static class Paging
{
    /// <summary>One page of an ordered query and the count of the whole: what every list of api.md answers.</summary>
    public static async Task<Paged<T>> PageAsync<T>(this IOrderedQueryable<T> query, PageRequest page, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Paged<T>(items, page.Page, page.PageSize, total);
    }
}
