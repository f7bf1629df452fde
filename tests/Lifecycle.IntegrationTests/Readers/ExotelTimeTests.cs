using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.IntegrationTests.Readers;

public class ExotelTimeTests
{
    [Theory]
    [InlineData("2024-01-15 14:30:45", "2024-01-15T09:00:45Z")]
    [InlineData("2024-01-15T14:30:45", "2024-01-15T09:00:45Z")]
    [InlineData("2024-01-15T10:30:05+0530", "2024-01-15T05:00:05Z")]
    [InlineData("2024-01-15T10:30:05.000+05:30", "2024-01-15T05:00:05Z")]
    [InlineData("2024-01-15T10:30:05Z", "2024-01-15T10:30:05Z")]
    [InlineData("1705311045", "2024-01-15T09:30:45Z")]
    [InlineData("1705311045000", "2024-01-15T09:30:45Z")]
    public void Exotels_time_spellings_are_read_as_one_instant(string text, string utc)
    {
        Assert.True(ExotelTime.TryParse(text, out var at));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(utc, ExotelTime.Canonical(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void What_is_no_time_is_kept_as_written(string? text)
    {
        Assert.False(ExotelTime.TryParse(text, out _));
        Assert.Equal(text, ExotelTime.Canonical(text));
    }

    [Theory]
    [InlineData("+919876543210", "+919876543210")]
    [InlineData("whatsapp:+919876543210", "+919876543210")]
    [InlineData("919876543210", "+919876543210")]
    [InlineData("09876543210", "+919876543210")]
    [InlineData("9876543210", "+919876543210")]
    public void Exotels_number_spellings_are_read_as_e164(string number, string e164) =>
        Assert.Equal(e164, ExotelNumbers.ToE164(number));
}
