using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Verify;
using Lifecycle.Application.WhatsApp;

namespace Lifecycle.Application.Tests.Messaging;

/// <summary>policies.md "Configuration names": the defaults, and what start-up refuses.</summary>
public class MessagingOptionsTests
{
    [Fact]
    public void The_sms_defaults_are_those_of_the_policies_and_valid()
    {
        var options = new SmsOptions();

        Assert.Equal(
            (TimeSpan.FromMinutes(5), 1, new TimeOnly(9, 0), new TimeOnly(21, 0), "Asia/Kolkata"),
            (options.TerminalStatusTimeout, options.MaxRetries, options.PromotionalWindowStart, options.PromotionalWindowEnd, options.TimeZone));
        Assert.True(new SmsOptionsValidator().Validate(options).IsValid);
        Assert.Equal("Lifecycle:Sms", SmsOptions.Section);
    }

    [Fact]
    public void Sms_options_outside_their_bounds_are_refused_naming_each_key()
    {
        var result = new SmsOptionsValidator().Validate(new SmsOptions
        {
            TerminalStatusTimeout = TimeSpan.Zero,
            MaxRetries = 6,
            PromotionalWindowStart = new TimeOnly(21, 0),
            PromotionalWindowEnd = new TimeOnly(21, 0),
            TimeZone = "Mars/Olympus_Mons",
        });

        Assert.Equal(
            [
                ("TerminalStatusTimeout", "must be a positive TimeSpan (was 00:00:00)"),
                ("MaxRetries", "must be between 0 and 5 (was 6)"),
                ("PromotionalWindowEnd", "must be later than PromotionalWindowStart (was 21:00)"),
                ("TimeZone", "must be a known time zone id such as Asia/Kolkata (was 'Mars/Olympus_Mons')"),
            ],
            result.Errors.Select(error => (error.PropertyName, error.ErrorMessage)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(-1, false)]
    public void Sms_retries_range_from_none_to_five(int retries, bool valid) =>
        Assert.Equal(valid, new SmsOptionsValidator().Validate(new SmsOptions { MaxRetries = retries }).IsValid);

    [Fact]
    public void The_promotional_window_is_read_in_the_configured_zone()
    {
        var window = new SmsOptions { PromotionalWindowStart = new TimeOnly(8, 0), TimeZone = "Europe/London" }.PromotionalWindow();

        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(21, 0), "Europe/London"), (window.Start, window.End, window.TimeZone.Id));
    }

    [Fact]
    public void The_whatsapp_defaults_are_those_of_the_policies_and_valid()
    {
        var options = new WhatsAppOptions();

        Assert.Equal(
            (TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromMinutes(5), 3),
            (options.SessionWindow, options.TemplateRetryAfter, options.UnknownOutcomeTimeout, options.MaxTemplateRetries));
        Assert.True(new WhatsAppOptionsValidator().Validate(options).IsValid);
    }

    [Fact]
    public void Whatsapp_options_outside_their_bounds_are_refused_naming_each_key()
    {
        var result = new WhatsAppOptionsValidator().Validate(new WhatsAppOptions
        {
            SessionWindow = TimeSpan.Zero,
            TemplateRetryAfter = TimeSpan.FromSeconds(-1),
            UnknownOutcomeTimeout = TimeSpan.Zero,
            MaxTemplateRetries = 11,
        });

        Assert.Equal(
            [
                ("SessionWindow", "must be a positive TimeSpan (was 00:00:00)"),
                ("TemplateRetryAfter", "must be a positive TimeSpan (was -00:00:01)"),
                ("UnknownOutcomeTimeout", "must be a positive TimeSpan (was 00:00:00)"),
                ("MaxTemplateRetries", "must be between 0 and 10 (was 11)"),
            ],
            result.Errors.Select(error => (error.PropertyName, error.ErrorMessage)));
        Assert.False(new WhatsAppOptionsValidator().Validate(new WhatsAppOptions { MaxTemplateRetries = -1 }).IsValid);
        Assert.True(new WhatsAppOptionsValidator().Validate(new WhatsAppOptions { MaxTemplateRetries = 0 }).IsValid);
        Assert.True(new WhatsAppOptionsValidator().Validate(new WhatsAppOptions { MaxTemplateRetries = 10 }).IsValid);
    }

    [Fact]
    public void The_ladder_defaults_to_sms_then_whatsapp()
    {
        Assert.Equal(["sms", "whatsapp"], new MessagingOptions().Ladder);
        Assert.True(new MessagingOptionsValidator().Validate(new MessagingOptions()).IsValid);
        Assert.True(new MessagingOptionsValidator().Validate(new MessagingOptions { Ladder = ["whatsapp"] }).IsValid);
    }

    [Theory]
    [InlineData("voice")]
    [InlineData("email")]
    public void A_ladder_rung_other_than_sms_or_whatsapp_is_refused(string rung)
    {
        var result = new MessagingOptionsValidator().Validate(new MessagingOptions { Ladder = ["sms", rung] });

        var error = Assert.Single(result.Errors);
        Assert.Equal($"each rung must be sms or whatsapp (was '{rung}')", error.ErrorMessage);
    }

    [Fact]
    public void An_empty_ladder_is_refused()
    {
        var error = Assert.Single(new MessagingOptionsValidator().Validate(new MessagingOptions { Ladder = [] }).Errors);

        Assert.Equal(("Ladder", "needs at least one channel"), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void Every_notification_needs_a_template_and_every_sms_its_dlt_template_id_and_type()
    {
        var catalog = new NotificationCatalog
        {
            ["empty"] = new NotificationDefinition(),
            ["sms"] = new NotificationDefinition { Sms = new SmsTemplate { Template = " ", DltTemplateId = "", Type = "marketing" } },
            ["whatsapp"] = new NotificationDefinition { WhatsApp = new WhatsAppTemplate { Template = "" } },
            ["transactional"] = new NotificationDefinition { Sms = new SmsTemplate { Template = "Code {{code}}", DltTemplateId = "DLT2", Type = "transactional" } },
            ["fine"] = new NotificationDefinition
            {
                Sms = new SmsTemplate { Template = "Hi {{name}}", DltTemplateId = "DLT1", Type = "promotional" },
                WhatsApp = new WhatsAppTemplate { Template = "hi_v1" },
            },
        };

        var result = new NotificationCatalogValidator().Validate(catalog);

        Assert.Equal(
            [
                ("empty", "needs an Sms or a WhatsApp template"),
                ("sms:Sms:Template", "is required"),
                ("sms:Sms:DltTemplateId", "is required: every SMS must carry its DLT template id"),
                ("sms:Sms:Type", "must be transactional or promotional (was 'marketing')"),
                ("whatsapp:WhatsApp:Template", "is required"),
            ],
            result.Errors.Select(error => (error.PropertyName, error.ErrorMessage)));
    }

    [Fact]
    public void Notification_names_are_looked_up_without_regard_to_case()
    {
        var catalog = new NotificationCatalog { ["Order_Confirmed"] = new NotificationDefinition() };

        Assert.True(catalog.ContainsKey("order_confirmed"));
        Assert.Equal("Notifications", NotificationCatalog.Section);
    }

    [Fact]
    public void A_new_template_defaults_to_a_transactional_sms_and_an_approved_english_whatsapp_template()
    {
        var sms = new SmsTemplate();
        Assert.Equal(("transactional", "", ""), (sms.Type, sms.Template, sms.DltTemplateId));
        var whatsApp = new WhatsAppTemplate();
        Assert.Equal(("en", true, "", 0, 0), (whatsApp.Language, whatsApp.Approved, whatsApp.Template, whatsApp.Parameters.Length, whatsApp.Buttons.Count));
    }

    [Fact]
    public void Placeholders_are_filled_with_their_variables_and_unknown_ones_left_empty()
    {
        var text = TemplateText.Render("Hi {{name}}, order {{ order }} {{missing}}ships.", new Dictionary<string, string> { ["name"] = "Priya", ["order"] = "A-17" });

        Assert.Equal("Hi Priya, order A-17 ships.", text);
        Assert.Equal(["name", "order"], TemplateText.VariablesOf("{{name}} {{order}} {{ name }}"));
    }

    [Fact]
    public void Lifecycle_day_counts_are_refused_below_their_minimum_naming_the_bound()
    {
        Assert.Equal("must be 0 or more (was -1)", Assert.Single(new Lifecycle.ActivationOptionsValidator().Validate(new Lifecycle.ActivationOptions { EngagedAfterDays = -1 }).Errors).ErrorMessage);
        Assert.Equal("must be at least 1 (was 0)", Assert.Single(new Lifecycle.ChurnOptionsValidator().Validate(new Lifecycle.ChurnOptions { InactivityDays = 0 }).Errors).ErrorMessage);
    }

    [Fact]
    public void A_resend_after_that_is_not_positive_is_refused_on_its_own()
    {
        var result = new VerifyOptionsValidator().Validate(new VerifyOptions { ResendAfter = TimeSpan.Zero });

        Assert.Equal(["ResendAfter"], result.Errors.Select(error => error.PropertyName));
        Assert.Equal("must be a positive TimeSpan (was 00:00:00)", result.Errors[0].ErrorMessage);
    }

    [Fact]
    public void A_code_lifetime_that_is_not_positive_is_refused_on_its_own()
    {
        var result = new VerifyOptionsValidator().Validate(new VerifyOptions { CodeLifetime = TimeSpan.Zero });

        Assert.Equal(["CodeLifetime"], result.Errors.Select(error => error.PropertyName));
    }

    [Fact]
    public void A_negative_resend_cooldown_is_refused_and_zero_allowed()
    {
        Assert.Equal("ResendCooldown", Assert.Single(new VerifyOptionsValidator().Validate(new VerifyOptions { ResendCooldown = TimeSpan.FromSeconds(-1) }).Errors).PropertyName);
        Assert.True(new VerifyOptionsValidator().Validate(new VerifyOptions { ResendCooldown = TimeSpan.Zero }).IsValid);
    }
}
