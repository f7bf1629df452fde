using System.Text.Json;

namespace Lifecycle.Application.Common.Persistence;

/// <summary>JSON text we keep as it came (a call's context, a chat's transcript), handed back as JSON rather than as a string.</summary>
public static class StoredJson
{
    public static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Stored before it was kept as JSON: still worth showing, as the text it is.
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
