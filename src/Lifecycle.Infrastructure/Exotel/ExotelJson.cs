using System.Text.Json;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>Typed reading of Exotel's JSON answers, which may also come back empty, as HTML or as some other shape.</summary>
internal static class ExotelJson
{
    /// <summary>The body read as <typeparamref name="T"/>, or null when it is not JSON of that shape: the caller decides what that means.</summary>
    public static T? TryRead<T>(string body)
        where T : class
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<T>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
