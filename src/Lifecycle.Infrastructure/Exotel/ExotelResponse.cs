using Lifecycle.Application.Common.Errors;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>The first step of reading any Exotel answer: what may pass is thrown, the rest is read by the caller.</summary>
internal static class ExotelResponse
{
    /// <summary>
    /// The body of Exotel's answer. A 429 or 5xx (after the resilience pipeline's own retries) is thrown as
    /// <see cref="ExotelTransientException"/>, so the caller's outbox retries it later — for a POST only a clear refusal
    /// gets here (<see cref="ExotelOutcomeHandler"/>); a 4xx is returned for the caller to classify as a refusal. A POST
    /// whose 2xx body breaks off is <see cref="ProviderOutcomeUnknownException"/>: Exotel took it.
    /// </summary>
    public static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException
            && response.IsSuccessStatusCode && !ExotelAttempt.IsRepeatable(response.RequestMessage))
        {
            throw ExotelAttempt.Unknown(response.RequestMessage, "the accepted answer broke off", exception);
        }

        return ExotelTransientException.IsTransient(response.StatusCode)
            ? throw new ExotelTransientException(response.StatusCode, body)
            : body;
    }

    /// <summary>
    /// A 2xx whose body lacks what every accepted request names (its sid). For a read it may be asked again; for a POST
    /// Exotel took the request, so the outcome is unknown and it must not be sent again.
    /// </summary>
    public static Exception Unreadable(HttpResponseMessage response, string missing) =>
        ExotelAttempt.IsRepeatable(response.RequestMessage)
            ? new ExotelTransientException(response.StatusCode, $"the reply names no {missing}")
            : ExotelAttempt.Unknown(response.RequestMessage, $"the reply names no {missing}");
}
