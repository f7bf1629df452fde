using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>The ways we reach a user (guide §7 <c>last_contact_channel</c>, <c>channel_preference</c>).</summary>
public enum Channel
{
    Sms,
    WhatsApp,
    Voice,
    Voicebot,
    Chatbot,
}

public static class ChannelNames
{
    public static WireNames<Channel> Wire { get; } = new(new Dictionary<Channel, string>
    {
        [Channel.Sms] = "sms",
        [Channel.WhatsApp] = "whatsapp",
        [Channel.Voice] = "voice",
        [Channel.Voicebot] = "voicebot",
        [Channel.Chatbot] = "chatbot",
    });

    public static string Name(this Channel channel) => Wire.Name(channel);
}
