using Lifecycle.Application.Lifecycle;

namespace Lifecycle.Application.Tests.Users;

public class ListUsersValidatorTests
{
    private readonly ListUsersValidator validator = new();

    [Theory]
    [InlineData(null, 1, 50)]
    [InlineData("AT_RISK", 1, 1)]
    [InlineData("at_risk", 3, 200)]
    [InlineData("OFFBOARDED", 1, 50)]
    public void Known_stage_and_page_in_range_are_valid(string? stage, int page, int pageSize) =>
        Assert.True(validator.Validate(new ListUsers(stage, page, pageSize)).IsValid);

    [Fact]
    public void Defaults_are_valid() =>
        Assert.True(validator.Validate(new ListUsers(null)).IsValid);

    [Theory]
    [InlineData(201)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Page_size_outside_1_to_200_is_an_error_on_page_size(int pageSize) =>
        Assert.Equal("pageSize", Assert.Single(validator.Validate(new ListUsers(null, 1, pageSize)).Errors).PropertyName);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Page_below_one_is_an_error_on_page(int page) =>
        Assert.Equal("page", Assert.Single(validator.Validate(new ListUsers(null, page)).Errors).PropertyName);

    [Theory]
    [InlineData("DORMANT")]
    [InlineData("AtRisk")]
    [InlineData("")]
    public void Unknown_stage_is_an_error_on_stage_listing_the_stages(string stage)
    {
        var failure = Assert.Single(validator.Validate(new ListUsers(stage)).Errors);

        Assert.Equal("Stage", failure.PropertyName);
        Assert.Contains("ACQUIRED, ONBOARDING, ACTIVATED, ENGAGED, AT_RISK, CHURNED, OFFBOARDED", failure.ErrorMessage);
    }
}
