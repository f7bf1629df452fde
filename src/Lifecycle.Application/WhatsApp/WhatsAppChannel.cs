using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.WhatsApp;

/// <summary>The WhatsApp rung: approved templates, or reply buttons while the user's 24 h window is open.</summary>
internal sealed class WhatsAppChannel(IOutbox outbox) : IMessageChannel
{
    public Channel Channel => Channel.WhatsApp;

    public bool CanCarry(NotificationDefinition notification) => notification.WhatsApp is { Approved: true };

    public bool IsOptedOut(User user) => user.OptOutWhatsapp;

    /// <summary>The SMS wording when the notification has one (the same content), else the template and its values.</summary>
    public string Render(NotificationDefinition notification, IReadOnlyDictionary<string, string> variables) =>
        notification.Sms is { } sms
            ? TemplateText.Render(sms.Template, variables)
            : $"{notification.WhatsApp!.Template}({string.Join(", ", notification.WhatsApp.Parameters.Select(name => variables.GetValueOrDefault(name)))})";

    public Task QueueAsync(OutboundMessage message, NotificationDefinition notification, CancellationToken ct)
    {
        outbox.Enqueue(new SendWhatsApp(message.Id, TemplateTry: 0, TemplateOnly: false));
        return Task.CompletedTask;
    }
}
