using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Sms;

namespace Lifecycle.Domain.Tests;

public class SmsStatusVocabularyTests
{
    [Theory]
    [InlineData("queued", MessageStatus.Queued)]
    [InlineData("sending", MessageStatus.Sending)]
    [InlineData("submitted", MessageStatus.Submitted)]
    [InlineData("sent", MessageStatus.Delivered)]
    [InlineData("failed_dnd", MessageStatus.Failed)]
    [InlineData("failed", MessageStatus.Failed)]
    [InlineData("delivered", MessageStatus.Delivered)]
    [InlineData("undelivered", MessageStatus.Undelivered)]
    public void Exotel_and_guide_statuses_map_to_one_message_status(string status, MessageStatus expected)
    {
        Assert.True(SmsStatusVocabulary.TryMap(status, out var mapped));
        Assert.Equal(expected, mapped);
    }

    [Theory]
    [InlineData("SENT", MessageStatus.Delivered)]
    [InlineData("Failed_DND", MessageStatus.Failed)]
    [InlineData("Undelivered", MessageStatus.Undelivered)]
    public void Mapping_ignores_case(string status, MessageStatus expected)
    {
        Assert.True(SmsStatusVocabulary.TryMap(status, out var mapped));
        Assert.Equal(expected, mapped);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("read")]
    [InlineData("seen")]
    [InlineData(" sent")]
    public void Unknown_status_is_not_mapped(string? status) =>
        Assert.False(SmsStatusVocabulary.TryMap(status, out _));

    [Fact]
    public void Known_lists_both_vocabularies() =>
        Assert.Equal(
            ["delivered", "failed", "failed_dnd", "queued", "sending", "sent", "submitted", "undelivered"],
            SmsStatusVocabulary.Known.Order(StringComparer.Ordinal));
}
