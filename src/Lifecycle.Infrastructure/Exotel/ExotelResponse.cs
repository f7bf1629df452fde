namespace Lifecycle.Infrastructure.Exotel;

/// <summary>The first step of reading any Exotel answer: what may pass is thrown, the rest is read by the caller.</summary>
internal static class ExotelResponse
{
    /// <summary>
    /// The body of Exotel's answer. A 429 or 5xx (after the resilience pipeline's own retries) is thrown as
    /// <see cref="ExotelTransientException"/>, so the caller's outbox retries it later; a 4xx is returned for the caller
    /// to classify as a refusal.
    /// </summary>
    public static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return ExotelTransientException.IsTransient(response.StatusCode)
            ? throw new ExotelTransientException(response.StatusCode, body)
            : body;
    }

    /// <summary>A 2xx whose body lacks what every accepted request names (its sid): the outcome is unknown, so it may be retried.</summary>
    public static ExotelTransientException Unreadable(HttpResponseMessage response, string missing) =>
        new(response.StatusCode, $"the reply names no {missing}");
}
