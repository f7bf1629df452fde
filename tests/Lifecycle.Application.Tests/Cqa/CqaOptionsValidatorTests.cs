using Lifecycle.Application.Cqa;

namespace Lifecycle.Application.Tests.Cqa;

/// <summary>policies.md: every CQA threshold and KPI name is configuration, checked at start-up and named when wrong.</summary>
public class CqaOptionsValidatorTests
{
    private readonly CqaOptionsValidator validator = new();

    [Fact]
    public void The_policy_defaults_are_valid() => Assert.True(validator.Validate(new CqaOptions()).IsValid);

    [Theory]
    [InlineData(nameof(CqaOptions.TriggerRetentionCampaign), -1, "must be a score from 0 to 100 (was -1)")]
    [InlineData(nameof(CqaOptions.TriggerRetentionCampaign), 100.5, "must be a score from 0 to 100 (was 100.5)")]
    [InlineData(nameof(CqaOptions.FlagForQaReview), 101, "must be a score from 0 to 100 (was 101)")]
    [InlineData(nameof(CqaOptions.FlagForQaReview), 49, "must not be below TriggerRetentionCampaign (was 49)")]
    [InlineData(nameof(CqaOptions.AutoCloseResolved), -0.5, "must be a score from 0 to 100 (was -0.5)")]
    [InlineData(nameof(CqaOptions.AutoCloseResolved), 69, "must not be below FlagForQaReview (was 69)")]
    public void A_threshold_out_of_range_or_order_is_named(string key, double value, string message)
    {
        var options = new CqaOptions();
        typeof(CqaOptions).GetProperty(key)!.SetValue(options, value);

        Assert.Contains(validator.Validate(options).Errors, error => error.PropertyName == key && error.ErrorMessage == message);
    }

    [Fact]
    public void Equal_thresholds_are_allowed_so_a_band_can_be_switched_off() =>
        Assert.True(validator.Validate(new CqaOptions { TriggerRetentionCampaign = 60, FlagForQaReview = 60, AutoCloseResolved = 60 }).IsValid);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Re_ingests_are_between_0_and_10(int value, bool valid)
    {
        var result = validator.Validate(new CqaOptions { MaxReingests = value });

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? [] : ["must be between 0 and 10 (was " + value + ")"], result.Errors.Select(error => error.ErrorMessage));
    }

    [Fact]
    public void A_callback_delay_that_is_not_positive_is_named()
    {
        var error = Assert.Single(validator.Validate(new CqaOptions { CallbackAfter = TimeSpan.Zero }).Errors);

        Assert.Equal((nameof(CqaOptions.CallbackAfter), "must be a positive TimeSpan (was 00:00:00)"), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void Blank_kpi_names_are_named()
    {
        var result = validator.Validate(new CqaOptions { CriticalKpis = ["kpi-102", " "], FirstCallResolutionKpi = "" });

        Assert.Equal(
            [("CriticalKpis[1]", "must name a KPI id or name"), (nameof(CqaOptions.FirstCallResolutionKpi), "must name a KPI id or name")],
            result.Errors.Select(error => (error.PropertyName, error.ErrorMessage)));
    }

    [Fact]
    public void The_thresholds_carry_the_configured_values()
    {
        var thresholds = new CqaOptions
        {
            TriggerRetentionCampaign = 40, FlagForQaReview = 60, AutoCloseResolved = 90, CriticalKpis = ["kpi-9"], FirstCallResolutionKpi = "kpi-fcr",
        }.Thresholds();

        Assert.Equal((40.0, 60.0, 90.0, "kpi-fcr"), (thresholds.TriggerRetentionCampaign, thresholds.FlagForQaReview, thresholds.AutoCloseResolved, thresholds.FirstCallResolutionKpi));
        Assert.Equal(["kpi-9"], thresholds.CriticalKpis);
    }
}
