using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle.Messaging;

/// <summary>
/// The channel ladder (guide §2, policies.md): a notification goes out on the first rung that can carry it and the
/// user has not opted out of; when a rung fails for good, the same notification and variables go out on the next
/// untried rung. With no rung left nothing is sent, and that is recorded on the message.
/// </summary>
internal sealed class MessageLadder(
    IEnumerable<IMessageChannel> channels,
    IOutboundMessageRepository messages,
    IOptions<NotificationCatalog> catalog,
    IOptions<MessagingOptions> options,
    TimeProvider clock)
{
    /// <summary>Sends a notification on its first usable rung; null when the notification is unknown.</summary>
    public async Task<OutboundMessage?> SendAsync(
        User user, string notification, IReadOnlyDictionary<string, string> variables, Channel? first, CancellationToken ct)
    {
        if (!catalog.Value.TryGetValue(notification, out var definition))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var rung = Rungs(user, definition, first ?? user.ChannelPreference, tried: []).FirstOrDefault();
        var channel = rung?.Channel ?? first ?? user.ChannelPreference ?? ChannelNames.Wire.Parse(options.Value.Ladder[0]);
        var message = OutboundMessage.Queue(user.Id, channel, notification, Body(channel, definition, variables), now, variables);
        messages.Add(message);
        if (rung is null)
        {
            message.Advance(MessageStatus.Failed, "not sent: the user has opted out of every channel that carries it", now);
            message.GiveUp("no channel left", now);
            return message;
        }

        await rung.QueueAsync(message, definition, ct);
        return message;
    }

    /// <summary>The same content again on <paramref name="channel"/> (a retry) — or on the next rung when null.</summary>
    public async Task<OutboundMessage?> EscalateAsync(OutboundMessage failed, User user, Channel? channel, CancellationToken ct)
    {
        if (failed.Escalated || !catalog.Value.TryGetValue(failed.Notification, out var definition))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var tried = channel is null ? await messages.ChannelsOfDeliveryAsync(failed.DeliveryId, ct) : [];
        var rung = channel is { } same
            ? channels.Single(candidate => candidate.Channel == same)
            : Rungs(user, definition, user.ChannelPreference, tried).FirstOrDefault();
        if (rung is null)
        {
            failed.GiveUp("no channel left to fall back to", now);
            return null;
        }

        var next = failed.Escalate(rung.Channel, Body(rung.Channel, definition, failed.Variables), now);
        messages.Add(next);
        await rung.QueueAsync(next, definition, ct);
        return next;
    }

    /// <summary>Usable rungs in order, the preferred one first.</summary>
    private IEnumerable<IMessageChannel> Rungs(User user, NotificationDefinition definition, Channel? first, IReadOnlyCollection<Channel> tried)
    {
        var order = options.Value.Ladder.Select(ChannelNames.Wire.Parse).ToList();
        if (first is { } preferred && order.Remove(preferred))
        {
            order.Insert(0, preferred);
        }

        return order
            .Where(channel => !tried.Contains(channel))
            .Select(channel => channels.SingleOrDefault(candidate => candidate.Channel == channel))
            .OfType<IMessageChannel>()
            .Where(candidate => candidate.CanCarry(definition) && !candidate.IsOptedOut(user));
    }

    /// <summary>The content on <paramref name="channel"/>; empty where that channel cannot carry the notification (nothing is sent there).</summary>
    private string Body(Channel channel, NotificationDefinition definition, IReadOnlyDictionary<string, string> variables) =>
        channels.SingleOrDefault(candidate => candidate.Channel == channel) is { } rung && rung.CanCarry(definition)
            ? rung.Render(definition, variables)
            : string.Empty;
}
