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

    public static WebhookFields FromJson(string json) => FromObject(JsonNode.Parse(json, CaseInsensitive));

    /// <summary>A JSON body as received, parsed from its UTF-8 bytes.</summary>
    public static WebhookFields FromJson(ReadOnlySpan<byte> utf8Json) => FromObject(JsonNode.Parse(utf8Json, CaseInsensitive));

    private static WebhookFields FromObject(JsonNode? node) =>
        node is JsonObject root ? new WebhookFields(root) : throw new FormatException("A webhook JSON body must be an object.");

    public static WebhookFields FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new JsonObject(CaseInsensitive);
        foreach (var (name, value) in pairs)
        {
            // A repeated form field is a list (prior_steps=a&prior_steps=b); a lone one stays a value.
            root[name] = root[name] switch
            {
                JsonArray repeated => Append(repeated, value),
                JsonValue first => new JsonArray(first.DeepClone(), value),
                _ => value,
            };
        }

        return new WebhookFields(root);
    }

    /// <summary>The field as text (numbers too; the last of a repeated form field), or null when absent or empty.</summary>
    public string? Text(string name) =>
        Root[name] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text,
            JsonValue value => value.ToJsonString(),
            JsonArray { Count: > 0 } repeated when repeated[^1] is JsonValue => ItemText(repeated[^1]),
            _ => null,
        };

    /// <summary>
    /// A list field in any of the shapes a JSON or form body gives it: a JSON array, a repeated form field, indexed
    /// fields (<c>name[0]</c>, <c>name[1]</c>… or <c>name[]</c>), a JSON array as text, or comma-separated text.
    /// </summary>
    public IReadOnlyList<string> List(string name)
    {
        var node = Root[name] ?? Root[$"{name}[]"];
        if (node is null)
        {
            return Indexed(name);
        }

        if (node is JsonArray items)
        {
            return [.. items.Select(ItemText).OfType<string>()];
        }

        if (ItemText(node) is not { } text)
        {
            return [];
        }

        if (text.StartsWith('[') && TryParseArray(text) is { } parsed)
        {
            return [.. parsed.Select(ItemText).OfType<string>()];
        }

        return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    private IReadOnlyList<string> Indexed(string name)
    {
        var prefix = $"{name}[";
        return [.. Root
            .Where(pair => pair.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && pair.Key.EndsWith(']'))
            .Select(pair => (Index: int.TryParse(pair.Key[prefix.Length..^1], out var index) ? index : int.MaxValue, Text: ItemText(pair.Value)))
            .Where(item => item.Text is not null)
            .OrderBy(item => item.Index)
            .Select(item => item.Text!)];
    }

    private static string? ItemText(JsonNode? item) => item switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        null => null,
        _ => item.ToJsonString(),
    };

    private static JsonArray? TryParseArray(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonArray;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonArray Append(JsonArray list, string value)
    {
        list.Add(value);
        return list;
    }

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
