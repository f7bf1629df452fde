using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.WhatsApp;

namespace Lifecycle.Infrastructure.WhatsApp;

/// <summary>The WhatsApp port over the typed Exotel WhatsApp client.</summary>
internal sealed class ExotelWhatsAppGateway(ExotelWhatsApp whatsApp) : IWhatsAppGateway
{
    public async Task<WhatsAppSendResult> SendAsync(WhatsAppSendRequest request, CancellationToken ct)
    {
        WhatsAppContent content = request.Body switch
        {
            WhatsAppBody.Template template => new WhatsAppContent.Template(template.Name, template.Language, template.Parameters),
            WhatsAppBody.Buttons buttons => new WhatsAppContent.Buttons(buttons.Text, [.. buttons.Choices.Select(choice => new WhatsAppButton(choice.Id, choice.Title))]),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Body, "Unknown WhatsApp body."),
        };

        WhatsAppMessageResult sent;
        try
        {
            sent = await whatsApp.SendAsync(new WhatsAppMessage(request.To, content), request.CustomData, ct);
        }
        catch (Exception exception) when (ProviderOutcomeUnknownException.FindIn(exception) is not null)
        {
            return new WhatsAppSendResult.OutcomeUnknown(ProviderOutcomeUnknownException.FindIn(exception)!.Message);
        }

        return sent switch
        {
            WhatsAppMessageResult.Accepted accepted => new WhatsAppSendResult.Accepted(accepted.Sid),
            WhatsAppMessageResult.Refused refused => new WhatsAppSendResult.Rejected(refused.Code, refused.Message),
            var other => throw new InvalidOperationException($"Unexpected WhatsApp result {other}."),
        };
    }
}
