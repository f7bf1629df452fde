using Lifecycle.Application.Common.Behaviors;

namespace Lifecycle.Application.Tests.Behaviors;

public class LogRedactionTests
{
    [Theory]
    [InlineData("+919876543210", "+91******3210")]
    [InlineData("call +919876543210 now", "call +91******3210 now")]
    [InlineData("to 919876543210", "to 919*****3210")]
    [InlineData("from +919876543210 to +14155552671", "from +91******3210 to +14*****2671")]
    [InlineData("short +1234567", "short +12***67")]
    public void Phone_numbers_are_replaced_by_their_masked_form(string text, string expected) =>
        Assert.Equal(expected, LogRedaction.MaskPhones(text));

    [Theory]
    [InlineData("")]
    [InlineData("no digits here")]
    [InlineData("order 12345 retried 3 times at 10:30")]
    [InlineData("SmsSid SM-abc-123")]
    public void Text_without_phone_numbers_is_unchanged(string text) =>
        Assert.Equal(text, LogRedaction.MaskPhones(text));
}
