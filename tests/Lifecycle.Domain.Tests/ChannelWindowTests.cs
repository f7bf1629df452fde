using Lifecycle.Domain.Sms;
using Lifecycle.Domain.WhatsApp;

namespace Lifecycle.Domain.Tests;

/// <summary>policies.md "Compliance": promotional SMS 09:00–21:00 IST; WhatsApp free-form within 24 h of the last inbound message.</summary>
public class ChannelWindowTests
{
    private static readonly TimeSpan Ist = new(5, 30, 0);
    private static readonly TimeSpan SessionWindow = TimeSpan.FromHours(24);

    private static readonly PromotionalWindow Promotional =
        new(new TimeOnly(9, 0), new TimeOnly(21, 0), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

    private static DateTimeOffset IstTime(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, Ist);

    [Theory]
    [InlineData(9, 0)]
    [InlineData(13, 45)]
    [InlineData(20, 59)]
    public void A_promotional_sms_inside_the_window_goes_at_once(int hour, int minute)
    {
        var now = IstTime(2, hour, minute).ToUniversalTime();

        Assert.Equal(now, Promotional.NextAllowed(now));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(8, 59)]
    public void A_promotional_sms_before_nine_waits_for_nine_the_same_ist_day(int hour, int minute)
    {
        var now = IstTime(2, hour, minute).ToUniversalTime();

        Assert.Equal(IstTime(2, 9, 0), Promotional.NextAllowed(now));
    }

    [Theory]
    [InlineData(21, 0)]
    [InlineData(22, 30)]
    [InlineData(23, 59)]
    public void A_promotional_sms_from_nine_in_the_evening_waits_for_nine_the_next_ist_morning(int hour, int minute)
    {
        var now = IstTime(2, hour, minute).ToUniversalTime();

        Assert.Equal(IstTime(3, 9, 0), Promotional.NextAllowed(now));
    }

    [Fact]
    public void The_next_opening_is_an_instant_in_utc()
    {
        var next = Promotional.NextAllowed(IstTime(2, 22, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 3, 30, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void Whatsapp_free_form_is_closed_to_a_user_who_never_wrote_to_us() =>
        Assert.False(WhatsAppWindow.IsOpen(null, IstTime(2, 12, 0), SessionWindow));

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(24 * 60 - 1)]
    public void Whatsapp_free_form_is_open_within_24_hours_of_the_last_inbound_message(int minutesLater)
    {
        var lastInbound = IstTime(2, 12, 0);

        Assert.True(WhatsAppWindow.IsOpen(lastInbound, lastInbound.AddMinutes(minutesLater), SessionWindow));
    }

    [Theory]
    [InlineData(24 * 60)]
    [InlineData(24 * 60 + 1)]
    [InlineData(3 * 24 * 60)]
    public void Whatsapp_free_form_closes_24_hours_after_the_last_inbound_message(int minutesLater)
    {
        var lastInbound = IstTime(2, 12, 0);

        Assert.False(WhatsAppWindow.IsOpen(lastInbound, lastInbound.AddMinutes(minutesLater), SessionWindow));
    }
}
