using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lifecycle.Application.Tests.Sms;

public class ApplySmsStatusHandlerTests
{
    private static readonly DateTimeOffset T0 = TestUsers.T0;

    private readonly FakeTimeProvider clock = new(T0);
    private readonly FakeOutboundMessageRepository messages = new();

    [Fact]
    public async Task Status_for_an_unknown_sms_sid_is_pending_until_the_record_exists()
    {
        var error = await Assert.ThrowsAsync<ProviderRecordPendingException>(
            async () => await Handler().Handle(Status("SM404", MessageStatus.Delivered), CancellationToken.None));

        Assert.Contains("SM404", error.Message);
    }

    [Fact]
    public async Task Message_of_another_channel_with_the_same_provider_id_is_not_matched()
    {
        Submitted("SM1", Channel.WhatsApp);

        await Assert.ThrowsAsync<ProviderRecordPendingException>(
            async () => await Handler().Handle(Status("SM1", MessageStatus.Delivered), CancellationToken.None));
    }

    [Fact]
    public async Task Known_sms_sid_advances_the_message_with_the_detail_and_the_time()
    {
        var message = Submitted("SM1");
        clock.Advance(TimeSpan.FromMinutes(2));

        await Handler().Handle(Status("SM1", MessageStatus.Delivered, "DELIVERED_TO_HANDSET (20005)"), CancellationToken.None);

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal("DELIVERED_TO_HANDSET (20005)", message.StatusDetail);
        Assert.Equal(T0.AddMinutes(2), message.UpdatedAt);
    }

    [Fact]
    public async Task Undelivered_keeps_the_providers_detail()
    {
        var message = Submitted("SM1");

        await Handler().Handle(Status("SM1", MessageStatus.Undelivered, "EXPIRED", SmsFailure.Undelivered), CancellationToken.None);

        Assert.Equal(MessageStatus.Undelivered, message.Status);
        Assert.Equal("EXPIRED", message.StatusDetail);
    }

    [Fact]
    public async Task Dnd_failure_fails_the_message()
    {
        var message = Submitted("SM1");

        await Handler().Handle(Status("SM1", MessageStatus.Failed, "DND_NUMBER (30008)", SmsFailure.DoNotDisturb), CancellationToken.None);

        Assert.Equal(MessageStatus.Failed, message.Status);
    }

    [Fact]
    public async Task Stale_status_arriving_after_delivery_is_ignored()
    {
        var message = Submitted("SM1");
        await Handler().Handle(Status("SM1", MessageStatus.Delivered, "DELIVERED_TO_HANDSET (20005)"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));

        await Handler().Handle(Status("SM1", MessageStatus.Sending), CancellationToken.None);

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal("DELIVERED_TO_HANDSET (20005)", message.StatusDetail);
        Assert.Equal(T0, message.UpdatedAt);
    }

    [Theory]
    [InlineData(MessageStatus.Submitted, true)]
    [InlineData(MessageStatus.Delivered, true)]
    [InlineData(MessageStatus.Undelivered, false)]
    [InlineData(MessageStatus.Failed, false)]
    public void Only_a_report_that_cannot_climb_the_ladder_is_confined_to_its_message(MessageStatus status, bool confined) =>
        Assert.Equal(confined, Status("SM1", status).ConfinedToRecord);

    private static ApplySmsStatus Status(string sid, MessageStatus status, string? detail = null, SmsFailure? failure = null) =>
        new(sid, status, failure, detail, $"{sid}|{status}|{detail}");

    private OutboundMessage Submitted(string providerId, Channel channel = Channel.Sms)
    {
        var message = OutboundMessage.Queue(new UserId(Guid.NewGuid()), channel, "order_confirmed", "Confirmed.", T0);
        message.MarkSubmitted(providerId, T0);
        messages.Add(message);
        return message;
    }

    private ApplySmsStatusHandler Handler()
    {
        var timers = new FakeTimers();
        var ladder = new MessageLadder(
            [], messages, Options.Create(new NotificationCatalog()), Options.Create(new MessagingOptions()), clock);
        var failures = new SmsFailures(new FakeUserRepository(), ladder, timers, Options.Create(new SmsOptions()));
        return new ApplySmsStatusHandler(messages, failures, timers, new FakeCurrentWebhookEvent(), clock);
    }
}
