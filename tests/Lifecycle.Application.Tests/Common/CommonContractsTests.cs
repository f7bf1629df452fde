using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Options;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Verify;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Common;

/// <summary>What other layers rely on: stored message names, start-up option failures, error texts, paging, queue names.</summary>
public class CommonContractsTests
{
    [Fact]
    public void Outbox_messages_and_timer_commands_are_stored_by_class_name_and_read_back_equal()
    {
        var id = Guid.NewGuid();
        object[] messages = [new SendSms(id, "DLT-ORDER", SmsType.Promotional), new SmsTerminalStatusTimeout(id), new SendOutcomeDeadline(id), new PlaceVoiceOtpCall(id, 4)];

        foreach (var message in messages)
        {
            var name = DurableMessageTypes.NameOf(message);
            Assert.Equal(message.GetType().Name, name);
            Assert.Equal(message, DurableMessageTypes.Deserialize(name, DurableMessageTypes.Serialize(message)));
        }

        Assert.Contains("\"messageId\"", DurableMessageTypes.Serialize(new SmsTerminalStatusTimeout(id)));
    }

    [Theory]
    [InlineData("IOutboxMessage")]
    [InlineData("ITimerCommand")]
    [InlineData("SendSmsBatch")]
    [InlineData("NoSuchMessage")]
    public void A_stored_name_that_is_no_concrete_durable_message_is_refused(string name)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DurableMessageTypes.Deserialize(name, "{}"));

        Assert.Equal($"Unknown durable message type '{name}'.", error.Message);
    }

    [Fact]
    public void An_empty_payload_and_a_message_that_is_not_durable_are_refused()
    {
        Assert.Equal("Empty SendSms payload.", Assert.Throws<InvalidOperationException>(() => DurableMessageTypes.Deserialize("SendSms", "null")).Message);
        Assert.Equal(
            "Lifecycle.Application.Sms.SendSmsBatch is not an outbox message or timer command.",
            Assert.Throws<InvalidOperationException>(() => DurableMessageTypes.NameOf(new SendSmsBatch([]))).Message);
    }

    [Fact]
    public void A_bad_option_fails_start_up_naming_its_full_configuration_key()
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<SmsOptions, SmsOptionsValidator>(SmsOptions.Section);
        var validator = (IValidateOptions<SmsOptions>)services.Single(service => service.ServiceType == typeof(IValidateOptions<SmsOptions>)).ImplementationInstance!;

        var failed = validator.Validate(null, new SmsOptions { MaxRetries = 9 });
        var passed = validator.Validate(null, new SmsOptions());

        Assert.True(failed.Failed);
        Assert.Equal(["Lifecycle:Sms:MaxRetries: must be between 0 and 5 (was 9)"], failed.Failures);
        Assert.True(passed.Succeeded);
    }

    [Fact]
    public void A_nested_option_failure_names_its_key_with_colons()
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<NotificationCatalog, NotificationCatalogValidator>(NotificationCatalog.Section);
        var validator = (IValidateOptions<NotificationCatalog>)services.Single(service => service.ServiceType == typeof(IValidateOptions<NotificationCatalog>)).ImplementationInstance!;

        var failed = validator.Validate(null, new NotificationCatalog { ["welcome"] = new NotificationDefinition() });

        Assert.Equal(["Notifications:welcome: needs an Sms or a WhatsApp template"], failed.Failures);
    }

    [Fact]
    public void Errors_say_what_happened_and_whether_to_retry()
    {
        var inner = new TimeoutException("read timed out");

        Assert.Equal("The record was changed by another request; retry with fresh data.", new ConcurrencyConflictException(inner).Message);
        Assert.Equal("Exotel Verify is not answering right now; try again shortly.", new ProviderUnavailableException("Exotel Verify", inner).Message);
        Assert.Equal("outcome unknown: read timed out", new ProviderOutcomeUnknownException("read timed out", inner).Message);
        Assert.Same(inner, new ProviderOutcomeUnknownException("x", inner).InnerException);
    }

    [Fact]
    public void An_unknown_outcome_is_found_however_deep_the_http_client_wrapped_it()
    {
        var unknown = new ProviderOutcomeUnknownException("timeout after the request was written");

        Assert.Same(unknown, ProviderOutcomeUnknownException.FindIn(new HttpRequestException("send failed", new IOException("x", unknown))));
        Assert.Same(unknown, ProviderOutcomeUnknownException.FindIn(unknown));
        Assert.Null(ProviderOutcomeUnknownException.FindIn(new HttpRequestException("refused", new IOException("reset"))));
        Assert.Null(ProviderOutcomeUnknownException.FindIn(null));
    }

    [Theory]
    [InlineData(1200, 2)]
    [InlineData(30000, 30)]
    [InlineData(0, 0)]
    public void Retry_after_is_given_in_whole_seconds_rounded_up(int milliseconds, int seconds) =>
        Assert.Equal(seconds, new TooSoonException(TimeSpan.FromMilliseconds(milliseconds), "too soon").RetryAfterSeconds);

    [Theory]
    [InlineData(1, 50, 0)]
    [InlineData(3, 50, 100)]
    [InlineData(2, 200, 200)]
    public void A_page_skips_the_pages_before_it(int page, int size, int skip) =>
        Assert.Equal(skip, new PageRequest(page, size).Skip);

    [Fact]
    public void The_smartconnect_queues_default_to_the_names_of_the_api()
    {
        var queues = new QueueOptions();

        Assert.Equal(("onboarding-agents", "retention-agents", "support-tier1"), (queues.Onboarding, queues.Retention, queues.Support));
        Assert.Equal("Lifecycle:Queues", QueueOptions.Section);
    }
}
