using System.Text.Json.Nodes;
using Exotel.Sandbox.Callbacks;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.WhatsApp;

/// <summary>
/// Accepts one outbound WhatsApp message: checks the template's approval and the user's 24 h window, then sends
/// JSON delivery callbacks (default 30001 sent, then 30002 delivered, one <see cref="SandboxOptions.CallbackDelay"/>
/// apart; a rule can stop at sent, go on to 30003 seen, or fail with a 30004–30041 code).
/// </summary>
internal sealed class WhatsAppDesk(SandboxState state, ScenarioBook scenarios, CallbackSender sender, SandboxOptions options, TimeProvider time)
{
    public const int DefaultFailureCode = 30008;

    /// <summary>Why the message cannot be sent (error_code, message), or null when it can.</summary>
    public (string Code, string Message)? Refusal(string to, string contentType, string? templateName)
    {
        if (contentType == "template")
        {
            return templateName switch
            {
                null => ("TEMPLATE_NOT_FOUND", "content.template.name is required"),
                _ when options.ApprovedWhatsAppTemplates.Contains(templateName, StringComparer.Ordinal) => null,
                _ when options.PendingWhatsAppTemplates.Contains(templateName, StringComparer.Ordinal) =>
                    ("TEMPLATE_NOT_APPROVED", $"Template '{templateName}' is not approved yet"),
                _ => ("TEMPLATE_NOT_FOUND", $"No template named '{templateName}'"),
            };
        }

        var lastInbound = state.LastInboundWhatsApp(to);
        return lastInbound is { } at && time.GetUtcNow() - at < options.WhatsAppWindow
            ? null
            : ("HSM_MESSAGE_ONLY", $"{to} has not written in the last {options.WhatsAppWindow.TotalHours:0.#} h: only approved templates may be sent");
    }

    public string Accept(WhatsAppRequest request)
    {
        var now = time.GetUtcNow();
        var rule = scenarios.OutcomeFor([Products.WhatsApp], request.To);
        var step = rule?.Delay ?? options.CallbackDelay;
        WhatsAppStatus[] statuses = (rule?.Outcome ?? "delivered") switch
        {
            "failed" => [new WhatsAppStatus("failed", rule?.StatusCode is { } code && code >= 30004 ? code : DefaultFailureCode)],
            "sent" => [new WhatsAppStatus("sent", 30001)],
            "seen" => new[] { new WhatsAppStatus("sent", 30001), new WhatsAppStatus("delivered", 30002), new WhatsAppStatus("seen", 30003) },
            _ => [new WhatsAppStatus("sent", 30001), new WhatsAppStatus("delivered", 30002)],
        };

        var timeline = new Timeline<WhatsAppStatus>(now, new WhatsAppStatus("queued", 0));
        var callbackLost = rule?.NoCallback == true;
        var url = request.StatusCallback ?? options.DashboardWebhook("whatsapp");
        for (var index = 0; index < statuses.Length; index++)
        {
            var delay = step * (index + 1);
            timeline.Add(now + delay, statuses[index]);
            if (!callbackLost && url is not null)
            {
                sender.SendLater(Callback.Json(Products.WhatsApp, url, WhatsAppCallbacks.Delivery(request, statuses[index].StatusCode, now + delay)), delay);
            }
        }

        state.Add(new WhatsAppEntry(request, timeline, callbackLost));
        return request.Sid;
    }
}
