using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Sms;

/// <summary>An SMS to our number: <c>STOP</c> opts the sender out of SMS, <c>START</c> back in; either is a contact.</summary>
public class ReceiveSmsTests
{
    private readonly MessagingWorld world = new();

    [Fact]
    public async Task Stop_from_a_known_number_opts_the_user_out_of_sms_and_is_recorded_as_their_last_contact()
    {
        var user = world.NewUser();
        world.Clock.Advance(TimeSpan.FromHours(1));

        await Receive("+919876543210", " stop ");

        Assert.True(user.OptOutSms);
        Assert.Equal((TestUsers.T0.AddHours(1), Channel.Sms), (user.LastContactAt, user.LastContactChannel));
        Assert.Equal(0, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public async Task Start_opts_them_back_in()
    {
        var user = world.NewUser();
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: null, channelPreference: null);

        await Receive("+919876543210", "START");

        Assert.False(user.OptOutSms);
    }

    [Theory]
    [InlineData("+919800000000")]
    [InlineData("919876543210")]
    [InlineData("not a number")]
    public async Task An_sms_from_a_number_that_is_no_users_or_not_e164_changes_nothing(string from)
    {
        var user = world.NewUser();

        await Receive(from, "STOP");

        Assert.False(user.OptOutSms);
        Assert.Null(user.LastContactAt);
        Assert.Equal(1, world.CurrentEvent.Forgotten);
    }

    [Fact]
    public void An_inbound_sms_is_correlated_by_its_sms_sid() =>
        Assert.Equal("SM5", new ReceiveSms("SM5", "+919876543210", "STOP", "SM5").CorrelationId);

    private Task Receive(string from, string body) =>
        new ReceiveSmsHandler(world.Users, world.CurrentEvent, world.Clock).Handle(new ReceiveSms("SM5", from, body, "SM5"), CancellationToken.None).AsTask();
}
