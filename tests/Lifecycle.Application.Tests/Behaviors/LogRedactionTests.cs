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

    [Fact]
    public void Masked_exception_keeps_type_message_stack_and_inner_exception_with_phones_masked()
    {
        var original = Thrown(() => throw new InvalidOperationException(
            "Exotel refused +919876543210", new HttpRequestException("while calling +14155552671")));

        var masked = LogRedaction.Mask(original);

        var text = masked.ToString();
        Assert.StartsWith("System.InvalidOperationException: Exotel refused +91******3210", text);
        Assert.Contains("System.Net.Http.HttpRequestException: while calling +14*****2671", text);
        Assert.Contains(nameof(Masked_exception_keeps_type_message_stack_and_inner_exception_with_phones_masked), text);
        Assert.Equal("Exotel refused +91******3210", masked.Message);
        Assert.Equal(original.StackTrace, masked.StackTrace);
        Assert.DoesNotContain("9876543210", text);
        Assert.DoesNotContain("4155552671", text);
    }

    private static Exception Thrown(Action fail)
    {
        try
        {
            fail();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new InvalidOperationException("The action was expected to throw.");
    }
}
