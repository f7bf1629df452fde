using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Tests;

public class WireNamesTests
{
    [Theory]
    [InlineData(LifecycleStage.Acquired, "ACQUIRED")]
    [InlineData(LifecycleStage.Onboarding, "ONBOARDING")]
    [InlineData(LifecycleStage.Activated, "ACTIVATED")]
    [InlineData(LifecycleStage.Engaged, "ENGAGED")]
    [InlineData(LifecycleStage.AtRisk, "AT_RISK")]
    [InlineData(LifecycleStage.Churned, "CHURNED")]
    [InlineData(LifecycleStage.Offboarded, "OFFBOARDED")]
    public void Stage_names_round_trip(LifecycleStage stage, string name)
    {
        Assert.Equal(name, stage.Name());
        Assert.Equal(stage, StageNames.Wire.Parse(name));
    }

    [Theory]
    [InlineData(ProductEvent.Login, "login")]
    [InlineData(ProductEvent.KeyAction, "key_action")]
    [InlineData(ProductEvent.Usage, "usage")]
    [InlineData(ProductEvent.UsageDrop, "usage_drop")]
    [InlineData(ProductEvent.BillingFlag, "billing_flag")]
    public void Product_event_names_round_trip(ProductEvent productEvent, string name)
    {
        Assert.Equal(name, productEvent.Name());
        Assert.Equal(productEvent, ProductEventNames.Wire.Parse(name));
    }

    [Fact]
    public void Every_value_of_every_wire_enum_has_a_name_that_parses_back()
    {
        AssertRoundTrips(StageNames.Wire);
        AssertRoundTrips(ProductEventNames.Wire);
        AssertRoundTrips(ChannelNames.Wire);
        AssertRoundTrips(MessageStatusNames.Wire);
    }

    [Theory]
    [InlineData("at_risk")]
    [InlineData("At_Risk")]
    public void Parsing_ignores_case(string name) =>
        Assert.Equal(LifecycleStage.AtRisk, StageNames.Wire.Parse(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AtRisk")]
    [InlineData("DORMANT")]
    public void Unknown_names_do_not_parse(string? name) =>
        Assert.False(StageNames.Wire.TryParse(name, out _));

    [Fact]
    public void Parse_of_an_unknown_name_throws_a_format_exception_naming_the_type()
    {
        var error = Assert.Throws<FormatException>(() => ProductEventNames.Wire.Parse("logout"));

        Assert.Contains(nameof(ProductEvent), error.Message);
        Assert.Contains("logout", error.Message);
    }

    [Fact]
    public void All_lists_every_name() =>
        Assert.Equal(["sms", "whatsapp", "voice", "voicebot", "chatbot"], ChannelNames.Wire.All);

    private static void AssertRoundTrips<TEnum>(WireNames<TEnum> wire)
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        Assert.Equal(values.Length, wire.All.Count);
        Assert.All(values, value => Assert.Equal(value, wire.Parse(wire.Name(value))));
    }
}
