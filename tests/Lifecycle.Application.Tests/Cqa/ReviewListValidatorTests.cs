using Lifecycle.Application.Cqa;

namespace Lifecycle.Application.Tests.Cqa;

public class ReviewListValidatorTests
{
    [Theory]
    [InlineData("open", 1, 200, null)]
    [InlineData("done", 1, 1, null)]
    [InlineData(null, 1, 50, null)]
    [InlineData("closed", 1, 50, "status")]
    [InlineData("OPEN", 1, 50, "status")]
    [InlineData(null, 0, 50, "page")]
    [InlineData(null, 1, 201, "pageSize")]
    [InlineData(null, 1, 0, "pageSize")]
    public void Status_page_and_page_size_are_checked_and_named(string? status, int page, int pageSize, string? field)
    {
        var tasks = new ListQaTasksValidator().Validate(new ListQaTasks(status, page, pageSize));
        var alerts = new ListComplianceAlertsValidator().Validate(new ListComplianceAlerts(status, page, pageSize));

        Assert.Equal(field is null ? [] : [field], tasks.Errors.Select(error => error.PropertyName));
        Assert.Equal(field is null ? [] : [field], alerts.Errors.Select(error => error.PropertyName));
    }
}
