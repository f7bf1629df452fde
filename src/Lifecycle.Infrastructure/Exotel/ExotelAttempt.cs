using System.Net;
using Lifecycle.Application.Common.Errors;
using Polly;
using Polly.CircuitBreaker;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>What one HTTP attempt tells us about whether Exotel acted on the request (ADR 0006).</summary>
internal enum AttemptVerdict
{
    /// <summary>Exotel answered (2xx, or a 4xx refusal the caller reads).</summary>
    Answered,

    /// <summary>Exotel clearly did not take the request: it never got it, or said so. Sending it again is safe.</summary>
    Refused,

    /// <summary>Exotel may have acted on it: sending it again could send the SMS or place the call twice.</summary>
    Unknown,
}

/// <summary>
/// Sorts attempts into <see cref="AttemptVerdict"/>. Conservative on purpose: only these are clear refusals —
/// no connection could be made (the request was never written), an open circuit (never sent), 429, 503, and any other
/// 5xx whose body is Exotel's own error envelope (<c>RestException</c>, or v2 <c>error_data</c>): Exotel's
/// application answered that it failed the request, where a bare 500/502/504 from a proxy tells nothing.
/// Everything else that is not an answer — a timeout, a connection reset mid-answer — is unknown.
/// </summary>
internal static class ExotelAttempt
{
    /// <summary>Only reads may be repeated whatever happened: they change nothing at Exotel.</summary>
    public static bool IsRepeatable(HttpRequestMessage? request) =>
        request?.Method == HttpMethod.Get || request?.Method == HttpMethod.Head;

    public static async ValueTask<AttemptVerdict> JudgeAsync(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? await JudgeAsync(response) : Judge(outcome.Exception);

    public static async ValueTask<AttemptVerdict> JudgeAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            return AttemptVerdict.Refused;
        }

        if (status < 500)
        {
            return AttemptVerdict.Answered;
        }

        await response.Content.LoadIntoBufferAsync();
        return ExotelRefusal.IsErrorEnvelope(await response.Content.ReadAsStringAsync()) ? AttemptVerdict.Refused : AttemptVerdict.Unknown;
    }

    public static AttemptVerdict Judge(Exception? exception) => exception switch
    {
        null => AttemptVerdict.Answered,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => AttemptVerdict.Refused,
        BrokenCircuitException => AttemptVerdict.Refused,
        _ => AttemptVerdict.Unknown,
    };

    public static ProviderOutcomeUnknownException Unknown(HttpRequestMessage? request, string what, Exception? inner = null) =>
        new($"{request?.Method} {request?.RequestUri?.AbsolutePath}: {what}", inner);
}

/// <summary>
/// The outermost handler of every Exotel client: a request that is not <see cref="ExotelAttempt.IsRepeatable"/> and
/// ended in an unknown outcome (after the resilience pipeline, which retried only clear refusals) surfaces as
/// <see cref="ProviderOutcomeUnknownException"/>, so no caller mistakes it for a hiccup to retry.
/// </summary>
internal sealed class ExotelOutcomeHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (ExotelAttempt.IsRepeatable(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && ExotelAttempt.Judge(exception) == AttemptVerdict.Unknown)
        {
            throw ExotelAttempt.Unknown(request, $"no answer ({exception.GetType().Name}: {exception.Message})", exception);
        }

        if (await ExotelAttempt.JudgeAsync(response) == AttemptVerdict.Unknown)
        {
            using (response)
            {
                throw ExotelAttempt.Unknown(request, $"answered {(int)response.StatusCode} without saying it refused the request");
            }
        }

        return response;
    }
}
