using Lifecycle.Application.Verify;

namespace Lifecycle.Application.Tests.Verify;

public class VerifyOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_those_of_the_policies_and_valid()
    {
        var options = new VerifyOptions();

        Assert.Equal(
            (TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), 2, 3, 10, TimeSpan.FromSeconds(30)),
            (options.CodeLifetime, options.ResendAfter, options.MaxSmsResends, options.MaxWrongCodes, options.MaxAttempts, options.ResendCooldown));
        Assert.True(new VerifyOptionsValidator().Validate(options).IsValid);
    }

    [Fact]
    public void An_automatic_resend_due_after_the_code_expired_is_a_configuration_error()
    {
        var result = new VerifyOptionsValidator().Validate(new VerifyOptions { CodeLifetime = TimeSpan.FromSeconds(30), ResendAfter = TimeSpan.FromSeconds(30) });

        Assert.Equal("ResendAfter", Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Limits_must_allow_at_least_one_check()
    {
        var result = new VerifyOptionsValidator().Validate(new VerifyOptions { MaxWrongCodes = 0, MaxAttempts = 0, MaxSmsResends = -1 });

        Assert.Equal(["MaxSmsResends", "MaxWrongCodes", "MaxAttempts"], result.Errors.Select(error => error.PropertyName));
    }
}
