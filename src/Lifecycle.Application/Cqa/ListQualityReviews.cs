using FluentValidation;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Cqa;
using Mediator;

namespace Lifecycle.Application.Cqa;

/// <summary>A QA review task (api.md <c>GET /api/qa-tasks</c>); <c>interactionId</c> is our external interaction id.</summary>
public sealed record QaTaskView(Guid Id, Guid UserId, string InteractionId, string? AgentId, double Score, string Status, DateTimeOffset CreatedAt)
{
    public static QaTaskView From(QaTask task) =>
        new(task.Id, task.UserId.Value, task.InteractionId, task.AgentId, task.Score, task.Status, task.CreatedAt);
}

/// <summary>A compliance alert (api.md <c>GET /api/compliance-alerts</c>) with the critical KPIs that scored 0.</summary>
public sealed record ComplianceAlertView(
    Guid Id, Guid UserId, string InteractionId, string? AgentId, double Score, IReadOnlyList<string> Kpis, string Status, DateTimeOffset CreatedAt)
{
    public static ComplianceAlertView From(ComplianceAlert alert) =>
        new(alert.Id, alert.UserId.Value, alert.InteractionId, alert.AgentId, alert.Score, alert.FailedKpis, alert.Status, alert.CreatedAt);
}

public sealed record ListQaTasks(string? Status, int Page = 1, int PageSize = PageRules.DefaultPageSize) : IQuery<Paged<QaTaskView>>;

public sealed record ListComplianceAlerts(string? Status, int Page = 1, int PageSize = PageRules.DefaultPageSize) : IQuery<Paged<ComplianceAlertView>>;

internal static class ReviewListRules
{
    public static void AddReviewListRules<T>(this AbstractValidator<T> validator, Func<T, string?> status, Func<T, int> page, Func<T, int> pageSize)
    {
        validator.RuleFor(query => status(query))
            .Must(value => value is null || ReviewStatus.All.Contains(value))
            .OverridePropertyName("status")
            .WithMessage($"status must be one of {string.Join(", ", ReviewStatus.All)}.");
        validator.AddPageRules(page, pageSize);
    }

    public static Paged<TView> Map<T, TView>(this Paged<T> page, Func<T, TView> view) =>
        new([.. page.Items.Select(view)], page.Page, page.PageSize, page.Total);
}

internal sealed class ListQaTasksValidator : AbstractValidator<ListQaTasks>
{
    public ListQaTasksValidator() => this.AddReviewListRules(query => query.Status, query => query.Page, query => query.PageSize);
}

internal sealed class ListComplianceAlertsValidator : AbstractValidator<ListComplianceAlerts>
{
    public ListComplianceAlertsValidator() => this.AddReviewListRules(query => query.Status, query => query.Page, query => query.PageSize);
}

internal sealed class ListQaTasksHandler(IQualityReviews reviews) : IQueryHandler<ListQaTasks, Paged<QaTaskView>>
{
    public async ValueTask<Paged<QaTaskView>> Handle(ListQaTasks query, CancellationToken ct) =>
        (await reviews.ListTasksAsync(query.Status, new PageRequest(query.Page, query.PageSize), ct)).Map(QaTaskView.From);
}

internal sealed class ListComplianceAlertsHandler(IQualityReviews reviews) : IQueryHandler<ListComplianceAlerts, Paged<ComplianceAlertView>>
{
    public async ValueTask<Paged<ComplianceAlertView>> Handle(ListComplianceAlerts query, CancellationToken ct) =>
        (await reviews.ListAlertsAsync(query.Status, new PageRequest(query.Page, query.PageSize), ct)).Map(ComplianceAlertView.From);
}
