using Lifecycle.Application.WhatsApp;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.WhatsApp;

/// <summary>
/// Sends WhatsApp messages from our business number with our status callback and reads one result per message;
/// a refusal of the whole request refuses every message with its code; 429/5xx throw <see cref="ExotelTransientException"/>.
/// </summary>
internal sealed class ExotelWhatsApp(IExotelWhatsAppApi api, IOptions<ExotelOptions> exotel, IOptions<WebhookOptions> webhooks)
{
    /// <summary>Exotel takes at most this many messages per request.</summary>
    public const int MaxMessagesPerRequest = 100;

    public async Task<WhatsAppMessageResult> SendAsync(WhatsAppMessage message, string customData, CancellationToken ct) =>
        (await SendAsync([message], customData, ct))[0];

    /// <param name="customData">Ours, handed back with the callbacks of every message of the request (e.g. our message id).</param>
    /// <returns>One result per message, in the order given.</returns>
    /// <exception cref="ArgumentException">No messages, or more than 100.</exception>
    public async Task<IReadOnlyList<WhatsAppMessageResult>> SendAsync(
        IReadOnlyList<WhatsAppMessage> messages, string customData, CancellationToken ct)
    {
        if (messages.Count is 0 or > MaxMessagesPerRequest)
        {
            throw new ArgumentException(
                $"A WhatsApp request carries 1 to {MaxMessagesPerRequest} messages; {messages.Count} were given.", nameof(messages));
        }

        var body = new WhatsAppSendBody
        {
            CustomData = customData,
            StatusCallback = ExotelCallbacks.Url(webhooks.Value, WhatsAppWebhook.Source),
            WhatsApp = new WhatsAppBatch
            {
                Messages = [.. messages.Select(message => new WhatsAppWireMessage
                {
                    From = exotel.Value.WhatsAppFrom,
                    To = message.To,
                    Content = Content(message.Content),
                })],
            },
        };

        using var response = await api.SendAsync(exotel.Value.AccountSid, body, ct);
        var reply = await ExotelResponse.ReadBodyAsync(response, ct);
        var results = WhatsAppReply.Read(reply);
        if (results?.Count == messages.Count)
        {
            // Also when the status is 4xx: a request whose only message was refused answers 400 with that message's entry.
            return results.All(result => result is not null)
                ? [.. results.Select(result => result!)]
                : throw ExotelResponse.Unreadable(response, "sid for a message it accepted");
        }

        if (response.IsSuccessStatusCode)
        {
            throw ExotelResponse.Unreadable(response, "result for every message");
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, reply);
        return [.. messages.Select(_ => new WhatsAppMessageResult.Refused(code, message))];
    }

    private static WhatsAppWireContent Content(WhatsAppContent content) => content switch
    {
        WhatsAppContent.Template template => new WhatsAppWireContent
        {
            Type = "template",
            Template = new WhatsAppWireTemplate
            {
                Name = template.Name,
                Language = new WhatsAppWireLanguage { Code = template.LanguageCode },
                Components = template.BodyParameters.Count == 0
                    ? null
                    :
                    [
                        new WhatsAppWireComponent
                        {
                            Type = "body",
                            Parameters = [.. template.BodyParameters.Select(text => new WhatsAppWireParameter { Type = "text", Text = text })],
                        },
                    ],
            },
        },
        WhatsAppContent.Buttons buttons => new WhatsAppWireContent
        {
            Type = "interactive",
            Interactive = new WhatsAppWireInteractive
            {
                Type = "button",
                Body = new WhatsAppWireInteractiveBody { Text = buttons.Body },
                Action = new WhatsAppWireAction
                {
                    Buttons = [.. buttons.Choices.Select(choice => new WhatsAppWireButton
                    {
                        Type = "reply",
                        Reply = new WhatsAppWireReply { Id = choice.Id, Title = choice.Title },
                    })],
                },
            },
        },
        WhatsAppContent.Text text => new WhatsAppWireContent { Type = "text", Text = new WhatsAppWireText { Body = text.Body } },
        _ => throw new ArgumentOutOfRangeException(nameof(content), content, "unknown WhatsApp content"),
    };
}
