using Exotel.Sandbox.Http;

namespace Exotel.Sandbox.RateLimiting;

/// <summary>
/// Exotel's per-account limits: SMS send and bulksend share <see cref="SandboxOptions.SmsRequestsPerMinute"/> and
/// answer 503 past it; every other product has <see cref="SandboxOptions.RequestsPerMinute"/> of its own and
/// answers 429. Both carry <c>Retry-After</c> in seconds. Refused requests do not count.
/// </summary>
internal static class RateLimitFilter
{
    public static TBuilder SmsRateLimited<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var options = http.RequestServices.GetRequiredService<SandboxOptions>();
            var limiter = http.RequestServices.GetRequiredService<SlidingWindowLimiter>();
            return limiter.TryAcquire($"sms|{http.GetRouteValue("sid")}", options.SmsRequestsPerMinute) is { } retryAfter
                ? Replies.Error(http, StatusCodes.Status503ServiceUnavailable, "RATE_LIMIT_EXCEEDED",
                    $"More than {options.SmsRequestsPerMinute} SMS requests in a minute", retryAfter)
                : await next(context);
        });

    public static TBuilder RateLimited<TBuilder>(this TBuilder builder, string product)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var options = http.RequestServices.GetRequiredService<SandboxOptions>();
            var limiter = http.RequestServices.GetRequiredService<SlidingWindowLimiter>();
            var account = http.GetRouteValue("sid") ?? http.GetRouteValue("accountId");
            return limiter.TryAcquire($"{product}|{account}", options.RequestsPerMinute) is { } retryAfter
                ? Replies.Error(http, StatusCodes.Status429TooManyRequests, "RATE_LIMIT_EXCEEDED",
                    $"More than {options.RequestsPerMinute} {product} requests in a minute", retryAfter)
                : await next(context);
        });
}
