using System.Text.RegularExpressions;
using FluentValidation;

namespace Lifecycle.Application.Lifecycle.Messaging;

/// <summary>
/// <c>Notifications:{name}</c>: a logical message and its template on each channel. The same notification and
/// variables are sent on whichever channel the ladder picks.
/// </summary>
public sealed class NotificationCatalog : Dictionary<string, NotificationDefinition>
{
    public const string Section = "Notifications";

    public NotificationCatalog()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}

public sealed class NotificationDefinition
{
    public SmsTemplate? Sms { get; set; }

    public WhatsAppTemplate? WhatsApp { get; set; }
}

public sealed class SmsTemplate
{
    /// <summary>The body, with <c>{{variable}}</c> placeholders; must match the DLT-registered template.</summary>
    public string Template { get; set; } = string.Empty;

    public string DltTemplateId { get; set; } = string.Empty;

    /// <summary><c>transactional</c> (any time) or <c>promotional</c> (only inside the promotional window).</summary>
    public string Type { get; set; } = "transactional";
}

public sealed class WhatsAppTemplate
{
    /// <summary>The approved template's name at Exotel.</summary>
    public string Template { get; set; } = string.Empty;

    public string Language { get; set; } = "en";

    /// <summary>Whether Meta has approved the template; the ladder skips the WhatsApp rung for one that is not.</summary>
    public bool Approved { get; set; } = true;

    /// <summary>The variables that fill the template's body parameters, in order.</summary>
    public string[] Parameters { get; set; } = [];

    /// <summary>Quick-reply buttons (id → title) sent as an interactive message inside the 24 h window.</summary>
    public Dictionary<string, string> Buttons { get; set; } = [];
}

public static partial class TemplateText
{
    /// <summary>Fills <c>{{name}}</c> placeholders; an unknown variable is left empty.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> variables) =>
        Placeholder().Replace(template, match => variables.GetValueOrDefault(match.Groups[1].Value) ?? string.Empty);

    public static IEnumerable<string> VariablesOf(string template) =>
        Placeholder().Matches(template).Select(match => match.Groups[1].Value).Distinct();

    [GeneratedRegex(@"\{\{\s*(\w+)\s*\}\}")]
    private static partial Regex Placeholder();
}

internal sealed class NotificationCatalogValidator : AbstractValidator<NotificationCatalog>
{
    public NotificationCatalogValidator() =>
        RuleFor(catalog => catalog).Custom((catalog, context) =>
        {
            foreach (var (name, notification) in catalog)
            {
                if (notification.Sms is null && notification.WhatsApp is null)
                {
                    context.AddFailure(name, "needs an Sms or a WhatsApp template");
                }

                if (notification.Sms is { } sms)
                {
                    if (string.IsNullOrWhiteSpace(sms.Template))
                    {
                        context.AddFailure($"{name}:Sms:Template", "is required");
                    }

                    if (string.IsNullOrWhiteSpace(sms.DltTemplateId))
                    {
                        context.AddFailure($"{name}:Sms:DltTemplateId", "is required: every SMS must carry its DLT template id");
                    }

                    if (sms.Type is not ("transactional" or "promotional"))
                    {
                        context.AddFailure($"{name}:Sms:Type", $"must be transactional or promotional (was '{sms.Type}')");
                    }
                }

                if (notification.WhatsApp is { Template: var template } && string.IsNullOrWhiteSpace(template))
                {
                    context.AddFailure($"{name}:WhatsApp:Template", "is required");
                }
            }
        });
}
