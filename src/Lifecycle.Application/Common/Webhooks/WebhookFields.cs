using System.Text.Json.Nodes;

namespace Lifecycle.Application.Common.Webhooks;

/// <summary>
/// The fields of a webhook body, whatever its encoding (form, multipart or JSON), looked up by name without
/// regard to case. Stored in the inbox as JSON, so a form post and a JSON post of the same event look alike.
/// </summary>
public sealed class WebhookFields
{
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    private WebhookFields(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public static WebhookFields FromJson(string json) =>
        JsonNode.Parse(json, CaseInsensitive) is JsonObject root
            ? new WebhookFields(root)
            : throw new FormatException("A webhook JSON body must be an object.");

    public static WebhookFields FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new JsonObject(CaseInsensitive);
        foreach (var (name, value) in pairs)
        {
            root[name] = value;
        }

        return new WebhookFields(root);
    }

    /// <summary>The field as text (numbers too), or null when absent or empty.</summary>
    public string? Text(string name) =>
        Root[name] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text,
            JsonValue value => value.ToJsonString(),
            _ => null,
        };

    /// <summary>The first present field among alternative spellings (<c>CustomField</c> / <c>custom_field</c>).</summary>
    public string? Text(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Text(name) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>A nested object (<c>content</c> of a WhatsApp message), or null when absent.</summary>
    public WebhookFields? Child(string name) => Root[name] is JsonObject child ? new WebhookFields(child) : null;

    /// <summary>The text at a path of nested objects (<c>content.text.body</c>), or null when any step is absent.</summary>
    public string? At(params ReadOnlySpan<string> path)
    {
        var fields = this;
        foreach (var step in path[..^1])
        {
            if (fields.Child(step) is not { } child)
            {
                return null;
            }

            fields = child;
        }

        return fields.Text(path[^1]);
    }

    /// <summary>The objects of a nested array (<c>whatsapp.messages</c>), each on its own, or none when absent.</summary>
    public IReadOnlyList<WebhookFields> Items(string name) =>
        Root[name] is JsonArray items
            ? [.. items.OfType<JsonObject>().Select(item => new WebhookFields((JsonObject)item.DeepClone()))]
            : [];

    public string ToJson() => Root.ToJsonString();
}
