using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>
/// Reads Exotel's v2 JSON replies (<c>{"request_id", "http_code", "response": {…}}</c>) tolerantly: a missing field,
/// a field of another JSON type than expected or a body that is not JSON at all reads as "absent", never as an
/// exception. Each product folder turns the nodes into its own typed result.
/// </summary>
internal static class ExotelV2Reply
{
    /// <summary>The whole body as JSON, or null when it is not JSON.</summary>
    public static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>response</c> object of a v2 envelope, or null.</summary>
    public static JsonNode? Response(string body) => Property(Parse(body), "response");

    /// <summary>The value at <paramref name="path"/> below <paramref name="node"/>, or null where any step is missing.</summary>
    public static JsonNode? Property(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (node is not JsonObject item || !item.TryGetPropertyValue(name, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A string as given, a number or boolean as its JSON text; null for null, objects and arrays.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;

    /// <summary>An integer given as a JSON number or as a string of digits.</summary>
    public static int? Int(JsonNode? node) =>
        int.TryParse(Text(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>A number given as a JSON number or as a numeric string.</summary>
    public static double? Number(JsonNode? node) =>
        double.TryParse(Text(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The items of an array, or none.</summary>
    public static IReadOnlyList<JsonNode?> Items(JsonNode? node) => node is JsonArray array ? [.. array] : [];
}
