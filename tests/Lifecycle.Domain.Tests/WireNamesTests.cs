using Lifecycle.Domain.Campaigns;
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

    [Theory]
    [InlineData(CallPurpose.Activation, "activation", true)]
    [InlineData(CallPurpose.WinBack, "win_back", true)]
    [InlineData(CallPurpose.Support, "support", true)]
    [InlineData(CallPurpose.Agent, "agent", false)]
    public void Call_purpose_names_round_trip_and_all_but_agent_calls_play_a_voicebot(CallPurpose purpose, string name, bool bot)
    {
        Assert.Equal(name, purpose.Name());
        Assert.Equal(purpose, CallPurposeNames.Wire.Parse(name));
        Assert.Equal(bot, purpose.IsBot());
    }

    [Theory]
    [InlineData(CallStatus.Requested, "requested")]
    [InlineData(CallStatus.Placing, "placing")]
    [InlineData(CallStatus.Placed, "placed")]
    [InlineData(CallStatus.Completed, "completed")]
    [InlineData(CallStatus.NoAnswer, "no_answer")]
    [InlineData(CallStatus.Busy, "busy")]
    [InlineData(CallStatus.Failed, "failed")]
    [InlineData(CallStatus.Canceled, "canceled")]
    [InlineData(CallStatus.Refused, "refused")]
    [InlineData(CallStatus.Unknown, "unknown")]
    public void Call_status_names_round_trip(CallStatus status, string name)
    {
        Assert.Equal(name, status.Name());
        Assert.Equal(status, CallStatusNames.Wire.Parse(name));
    }

    [Theory]
    [InlineData(EnrolmentStatus.Enrolling, "enrolling")]
    [InlineData(EnrolmentStatus.Active, "active")]
    [InlineData(EnrolmentStatus.Unconfirmed, "unconfirmed")]
    [InlineData(EnrolmentStatus.Refused, "refused")]
    [InlineData(EnrolmentStatus.Unenrolled, "unenrolled")]
    [InlineData(EnrolmentStatus.Completed, "completed")]
    public void Enrolment_status_names_round_trip(EnrolmentStatus status, string name)
    {
        Assert.Equal(name, EnrolmentStatusNames.Wire.Name(status));
        Assert.Equal(status, EnrolmentStatusNames.Wire.Parse(name));
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
