using Lifecycle.Domain.Lifecycle;
using Lifecycle.Domain.Tests.Support;

namespace Lifecycle.Domain.Tests;

public class UserContactTests
{
    private static readonly DateTimeOffset T1 = Users.T0.AddMinutes(10);
    private static readonly DateTimeOffset T2 = Users.T0.AddMinutes(20);

    [Fact]
    public void A_first_contact_records_its_time_and_channel()
    {
        var user = Users.Registered();

        user.RecordContact(Channel.Voice, T1);

        Assert.Equal((T1, Channel.Voice), (user.LastContactAt, user.LastContactChannel));
    }

    [Fact]
    public void A_newer_contact_replaces_the_last_contact()
    {
        var user = Users.Registered();
        user.RecordContact(Channel.Voice, T1);

        user.RecordContact(Channel.WhatsApp, T2);

        Assert.Equal((T2, Channel.WhatsApp), (user.LastContactAt, user.LastContactChannel));
    }

    [Fact]
    public void A_contact_reported_late_does_not_replace_a_newer_one()
    {
        var user = Users.Registered();
        user.RecordContact(Channel.WhatsApp, T2);

        user.RecordContact(Channel.Voice, T1);

        Assert.Equal((T2, Channel.WhatsApp), (user.LastContactAt, user.LastContactChannel));
    }

    [Fact]
    public void A_contact_at_the_same_moment_as_the_last_one_names_the_channel_reported_last()
    {
        var user = Users.Registered();
        user.RecordContact(Channel.Sms, T1);

        user.RecordContact(Channel.Voice, T1);

        Assert.Equal((T1, Channel.Voice), (user.LastContactAt, user.LastContactChannel));
    }

    [Fact]
    public void An_approved_verification_records_its_sid_and_the_channel_that_carried_the_code_as_the_last_contact()
    {
        var user = Users.Registered();

        user.RecordVerifiedContact("VE123", Channel.Sms, T1);

        Assert.Equal("VE123", user.VerifySid);
        Assert.Equal((T1, Channel.Sms), (user.LastContactAt, user.LastContactChannel));
    }

    [Fact]
    public void A_later_verification_records_its_own_sid()
    {
        var user = Users.Registered();
        user.RecordVerifiedContact("VE123", Channel.Sms, T1);

        user.RecordVerifiedContact("VE456", Channel.Sms, T2);

        Assert.Equal("VE456", user.VerifySid);
    }

    [Fact]
    public void A_verification_without_a_provider_sid_keeps_the_sid_recorded_before()
    {
        var user = Users.Registered();
        user.RecordVerifiedContact("VE123", Channel.Sms, T1);

        user.RecordVerifiedContact(null, Channel.Voice, T2);

        Assert.Equal("VE123", user.VerifySid);
        Assert.Equal((T2, Channel.Voice), (user.LastContactAt, user.LastContactChannel));
    }

    [Fact]
    public void A_verification_approved_before_the_last_contact_does_not_move_the_last_contact_time_back()
    {
        var user = Users.Registered();
        user.RecordContact(Channel.WhatsApp, T2);

        user.RecordVerifiedContact("VE123", Channel.Sms, T1);

        Assert.Equal(T2, user.LastContactAt);
        Assert.Equal("VE123", user.VerifySid);
    }

    [Fact]
    public void A_whatsapp_message_from_the_user_is_a_contact_makes_whatsapp_preferred_and_opens_the_24h_window()
    {
        var user = Users.Registered();
        user.RecordContact(Channel.Sms, T1);

        user.ReceiveWhatsApp("SM1", null, "hello", T2);

        Assert.Equal((T2, Channel.WhatsApp), (user.LastContactAt, user.LastContactChannel));
        Assert.Equal(Channel.WhatsApp, user.ChannelPreference);
        Assert.Equal(T2, user.LastInboundWhatsAppAt);
        Assert.False(user.OptOutWhatsapp);
    }

    [Fact]
    public void A_whatsapp_message_raises_the_reply_for_the_flows_listening_for_it_and_counts_as_a_response()
    {
        var user = Users.InStage(LifecycleStage.AtRisk);

        user.ReceiveWhatsApp("SM1", "offer_accept", "Yes please", T1);

        Assert.Equal(
            [new UserRepliedOnWhatsApp(user.Id, "SM1", "offer_accept", "Yes please", T1), new UserResponded(user.Id, "reply:whatsapp", null, T1)],
            user.DequeueDomainEvents());
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("  Stop \n")]
    public void Stop_on_whatsapp_opts_the_user_out_of_whatsapp_only(string body)
    {
        var user = Users.Registered();

        user.ReceiveWhatsApp("SM1", null, body, T1);

        Assert.True(user.OptOutWhatsapp);
        Assert.False(user.OptOutSms);
    }

    [Theory]
    [InlineData("START")]
    [InlineData(" start ")]
    public void Start_on_whatsapp_opts_the_user_back_in(string body)
    {
        var user = Users.Registered();
        user.ReceiveWhatsApp("SM1", null, "STOP", T1);

        user.ReceiveWhatsApp("SM2", null, body, T2);

        Assert.False(user.OptOutWhatsapp);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("please stop calling")]
    [InlineData("hello")]
    public void Any_other_whatsapp_message_leaves_the_opt_out_as_it_was(string? body)
    {
        var optedOut = Users.Registered();
        optedOut.ReceiveWhatsApp("SM1", null, "STOP", T1);
        var optedIn = Users.Registered();

        optedOut.ReceiveWhatsApp("SM2", "button_1", body, T2);
        optedIn.ReceiveWhatsApp("SM2", "button_1", body, T2);

        Assert.True(optedOut.OptOutWhatsapp);
        Assert.False(optedIn.OptOutWhatsapp);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData(" stop\n")]
    public void Stop_by_sms_opts_the_user_out_of_sms_only_and_is_a_contact(string body)
    {
        var user = Users.Registered();

        user.ReceiveSms(body, T1);

        Assert.True(user.OptOutSms);
        Assert.False(user.OptOutWhatsapp);
        Assert.Equal((T1, Channel.Sms), (user.LastContactAt, user.LastContactChannel));
        Assert.Null(user.LastInboundWhatsAppAt);
        Assert.Null(user.ChannelPreference);
    }

    [Theory]
    [InlineData("START")]
    [InlineData("Start ")]
    public void Start_by_sms_opts_the_user_back_in_to_sms(string body)
    {
        var user = Users.Registered();
        user.ReceiveSms("STOP", T1);

        user.ReceiveSms(body, T2);

        Assert.False(user.OptOutSms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("STOPP")]
    [InlineData("when is my order coming")]
    public void Any_other_sms_leaves_the_sms_opt_out_as_it_was(string body)
    {
        var optedOut = Users.Registered();
        optedOut.ReceiveSms("STOP", T1);
        var optedIn = Users.Registered();

        optedOut.ReceiveSms(body, T2);
        optedIn.ReceiveSms(body, T2);

        Assert.True(optedOut.OptOutSms);
        Assert.False(optedIn.OptOutSms);
        Assert.Equal(T2, optedIn.LastContactAt);
    }

    [Fact]
    public void Preferences_change_only_what_is_given()
    {
        var user = Users.Registered();

        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: true, channelPreference: Channel.Voice);
        Assert.Equal((true, true, Channel.Voice), (user.OptOutSms, user.OptOutWhatsapp, user.ChannelPreference));

        user.UpdatePreferences(optOutSms: null, optOutWhatsapp: false, channelPreference: null);
        Assert.Equal((true, false, Channel.Voice), (user.OptOutSms, user.OptOutWhatsapp, user.ChannelPreference));

        user.UpdatePreferences(optOutSms: false, optOutWhatsapp: null, channelPreference: Channel.Sms);
        Assert.Equal((false, false, Channel.Sms), (user.OptOutSms, user.OptOutWhatsapp, user.ChannelPreference));
    }
}
