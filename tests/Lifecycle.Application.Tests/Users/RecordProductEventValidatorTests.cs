using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Users;

public class RecordProductEventValidatorTests
{
    private static readonly DateTimeOffset Now = TestUsers.T0;

    private readonly RecordProductEventValidator validator = new(new FakeTimeProvider(Now));

    [Theory]
    [InlineData("login")]
    [InlineData("key_action")]
    [InlineData("usage")]
    [InlineData("usage_drop")]
    [InlineData("billing_flag")]
    [InlineData("Login")]
    public void Known_event_types_are_valid(string type) =>
        Assert.True(validator.Validate(new RecordProductEvent(Guid.NewGuid(), type, null)).IsValid);

    [Theory]
    [InlineData("logout")]
    [InlineData("key action")]
    public void Unknown_type_is_an_error_on_type_listing_the_known_ones(string type)
    {
        var result = validator.Validate(new RecordProductEvent(Guid.NewGuid(), type, null));

        var failure = Assert.Single(result.Errors);
        Assert.Equal("Type", failure.PropertyName);
        Assert.Contains("login, key_action, usage, usage_drop, billing_flag", failure.ErrorMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_type_is_an_error_on_type(string? type)
    {
        var result = validator.Validate(new RecordProductEvent(Guid.NewGuid(), type, null));

        Assert.False(result.IsValid);
        Assert.All(result.Errors, failure => Assert.Equal("Type", failure.PropertyName));
    }

    [Fact]
    public void Future_occurred_at_is_an_error_on_occurred_at()
    {
        var result = validator.Validate(new RecordProductEvent(Guid.NewGuid(), "login", Now.AddHours(1)));

        var failure = Assert.Single(result.Errors);
        Assert.Equal("OccurredAt", failure.PropertyName);
        Assert.Equal("occurredAt cannot be in the future.", failure.ErrorMessage);
    }

    [Theory]
    [InlineData(-30 * 24 * 60)]
    [InlineData(0)]
    [InlineData(5)]
    public void Past_present_and_clock_skew_occurred_at_are_valid(int minutesFromNow) =>
        Assert.True(validator.Validate(new RecordProductEvent(Guid.NewGuid(), "login", Now.AddMinutes(minutesFromNow))).IsValid);
}
