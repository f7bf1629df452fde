using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Tests;

public class E164PhoneTests
{
    [Theory]
    [InlineData("+919876543210")]
    [InlineData("+14155552671")]
    [InlineData("+1234567")]
    [InlineData("+123456789012345")]
    public void Valid_e164_numbers_parse_and_keep_their_value(string candidate)
    {
        Assert.True(E164Phone.IsValid(candidate));
        Assert.Equal(candidate, E164Phone.Parse(candidate).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("919876543210")]
    [InlineData("+0919876543210")]
    [InlineData("+123456")]
    [InlineData("+1234567890123456")]
    [InlineData("+91 98765 43210")]
    [InlineData("+91-9876543210")]
    [InlineData("+91987654321O")]
    [InlineData(" +919876543210")]
    [InlineData("+919876543210 ")]
    public void Invalid_numbers_are_refused(string? candidate)
    {
        Assert.False(E164Phone.IsValid(candidate));
        Assert.Throws<FormatException>(() => E164Phone.Parse(candidate!));
    }

    [Fact]
    public void A_refused_number_is_explained_as_not_e164()
    {
        var refused = Assert.Throws<FormatException>(() => E164Phone.Parse("98765 43210"));

        Assert.Contains("E.164", refused.Message);
    }

    [Fact]
    public void A_number_with_a_trailing_newline_is_refused() =>
        Assert.False(E164Phone.IsValid("+919876543210\n"));

    [Fact]
    public void ToString_masks_the_number()
    {
        var phone = E164Phone.Parse("+919876543210");

        Assert.Equal("+91******3210", phone.ToString());
        Assert.DoesNotContain("9876543210", phone.ToString());
        Assert.DoesNotContain("9876543210", $"user phone {phone}");
    }

    [Fact]
    public void Phones_with_the_same_number_are_equal() =>
        Assert.Equal(E164Phone.Parse("+919876543210"), E164Phone.Parse("+919876543210"));

    [Theory]
    [InlineData(null, "***")]
    [InlineData("", "***")]
    [InlineData("+91", "***")]
    [InlineData("+123456", "***")]
    [InlineData("+1234567", "+12***67")]
    [InlineData("+123456789", "+12*****89")]
    [InlineData("+14155552671", "+14*****2671")]
    public void Mask_keeps_the_prefix_and_the_last_digits_and_hides_at_least_half(string? phone, string masked) =>
        Assert.Equal(masked, E164Phone.Mask(phone));
}
