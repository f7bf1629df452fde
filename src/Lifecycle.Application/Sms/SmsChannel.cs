using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Sms;

/// <summary>The SMS rung: DLT-registered templates; promotional ones wait for the promotional window.</summary>
internal sealed class SmsChannel(IOutbox outbox, IOptions<SmsOptions> options, TimeProvider clock) : IMessageChannel
{
    public Channel Channel => Channel.Sms;

    public bool CanCarry(NotificationDefinition notification) => notification.Sms is not null;

    public bool IsOptedOut(User user) => user.OptOutSms;

    public string Render(NotificationDefinition notification, IReadOnlyDictionary<string, string> variables) =>
        TemplateText.Render(notification.Sms!.Template, variables);

    public Task QueueAsync(OutboundMessage message, NotificationDefinition notification, CancellationToken ct)
    {
        var template = notification.Sms!;
        var type = template.Type == "promotional" ? SmsType.Promotional : SmsType.Transactional;
        var now = clock.GetUtcNow();
        DateTimeOffset? notBefore = type == SmsType.Promotional ? options.Value.PromotionalWindow().NextAllowed(now) : null;
        outbox.Enqueue(new SendSms(message.Id, template.DltTemplateId, type), notBefore > now ? notBefore : null);
        return Task.CompletedTask;
    }
}
