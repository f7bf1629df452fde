using Exotel.Sandbox.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Exotel.Sandbox.Scenarios;

/// <summary>
/// Applies a rule's <c>latency</c> (answer later) and <c>httpStatus</c> (answer with that status, in the route's
/// error envelope, <c>times</c> times) to an API request, before the request is validated or accepted.
/// </summary>
internal sealed class Faults(ScenarioBook book, TimeProvider time)
{
    public async Task<IResult?> InjectAsync(HttpContext http, IReadOnlyCollection<string> products, IEnumerable<string?> keys)
    {
        if (book.TakeFault(products, keys) is not { } rule)
        {
            return null;
        }

        if (rule.Latency is { } latency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, http.RequestAborted);
        }

        if (rule.HttpStatus is not { } status || status is >= 200 and < 300)
        {
            return null;
        }

        var code = ReasonPhrases.GetReasonPhrase(status).ToUpperInvariant().Replace(' ', '_');
        return Replies.Error(
            http,
            status,
            code.Length > 0 ? code : "SANDBOX_FAULT",
            "Injected by a sandbox scenario rule",
            rule.RetryAfter ?? (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable ? 1 : null));
    }
}
