using System.Text.Json.Serialization;
using Refit;

namespace Lifecycle.Infrastructure.WhatsApp;

/// <summary>
/// Exotel WhatsApp (guide §3.4 in Exotel's documented body, api.md "Outbound wire choices"): JSON, HTTP Basic
/// api_key:api_token, up to 100 messages per request.
/// </summary>
public interface IExotelWhatsAppApi
{
    [Post("/v2/accounts/{accountSid}/messages")]
    Task<HttpResponseMessage> SendAsync(string accountSid, [Body(buffered: true)] WhatsAppSendBody body, CancellationToken ct);
}

public sealed class WhatsAppSendBody
{
    [JsonPropertyName("custom_data")]
    public required string CustomData { get; init; }

    [JsonPropertyName("status_callback")]
    public required string StatusCallback { get; init; }

    [JsonPropertyName("whatsapp")]
    public required WhatsAppBatch WhatsApp { get; init; }
}

public sealed class WhatsAppBatch
{
    [JsonPropertyName("messages")]
    public required IReadOnlyList<WhatsAppWireMessage> Messages { get; init; }
}

public sealed class WhatsAppWireMessage
{
    [JsonPropertyName("from")]
    public required string From { get; init; }

    [JsonPropertyName("to")]
    public required string To { get; init; }

    [JsonPropertyName("content")]
    public required WhatsAppWireContent Content { get; init; }
}

/// <summary><c>type</c> names which one of the other members is present.</summary>
public sealed class WhatsAppWireContent
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("template")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WhatsAppWireTemplate? Template { get; init; }

    [JsonPropertyName("interactive")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WhatsAppWireInteractive? Interactive { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WhatsAppWireText? Text { get; init; }
}

public sealed class WhatsAppWireTemplate
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("language")]
    public required WhatsAppWireLanguage Language { get; init; }

    [JsonPropertyName("components")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WhatsAppWireComponent>? Components { get; init; }
}

public sealed class WhatsAppWireLanguage
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }
}

public sealed class WhatsAppWireComponent
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("parameters")]
    public required IReadOnlyList<WhatsAppWireParameter> Parameters { get; init; }
}

public sealed class WhatsAppWireParameter
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }
}

/// <summary>Reply buttons: <c>{"type":"button","body":{"text"},"action":{"buttons":[…]}}</c>.</summary>
public sealed class WhatsAppWireInteractive
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("body")]
    public required WhatsAppWireInteractiveBody Body { get; init; }

    [JsonPropertyName("action")]
    public required WhatsAppWireAction Action { get; init; }
}

public sealed class WhatsAppWireInteractiveBody
{
    [JsonPropertyName("text")]
    public required string Text { get; init; }
}

public sealed class WhatsAppWireAction
{
    [JsonPropertyName("buttons")]
    public required IReadOnlyList<WhatsAppWireButton> Buttons { get; init; }
}

public sealed class WhatsAppWireButton
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("reply")]
    public required WhatsAppWireReply Reply { get; init; }
}

public sealed class WhatsAppWireReply
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }
}

/// <summary>Free-form text, allowed only inside the 24-hour window after the user wrote to us.</summary>
public sealed class WhatsAppWireText
{
    [JsonPropertyName("body")]
    public required string Body { get; init; }
}
