using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Lifecycle.Application.Common.Behaviors;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Lifecycle.Web.Common;

/// <summary>
/// Turns every exception that leaves a handler into RFC 9457 problem details with the right status, and is the one
/// place a failed request is logged: the mediator pipeline traces failures only at Debug, and ASP.NET Core does not
/// log an exception that an <see cref="IExceptionHandler"/> has handled. So a failure is logged exactly once, under
/// the trace id its problem details carry (<c>traceId</c>, the request's <see cref="HttpContext.TraceIdentifier"/>).
/// </summary>
internal sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var traceId = httpContext.TraceIdentifier;
        var problem = exception switch
        {
            ValidationException validation => Invalid(validation.Errors.GroupBy(error => FieldName(error.PropertyName))
                .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray())),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(413, "Payload too large", exception.Message),
            BadHttpRequestException badRequest => Invalid(UnreadableField(badRequest)),
            NotFoundException => Problem(404, "Not found", exception.Message),
            TooSoonException => Problem(429, "Too many requests", exception.Message),
            ProviderUnavailableException => Problem(503, "Provider unavailable", exception.Message),
            DomainException => Problem(409, "Conflict", exception.Message),
            ConcurrencyConflictException => Problem(409, "Conflict", exception.Message),
            WebhookSignatureRejectedException => Problem(401, "Unauthorized", exception.Message),
            UnreadableWebhookException => Problem(400, "Unreadable body", exception.Message),
            _ => Problem(500, "Internal error", $"The request failed; the server log has its cause under trace id {traceId}."),
        };

        var status = problem.Status!.Value;
        Log(httpContext, exception, status, traceId);

        httpContext.Response.StatusCode = status;
        if (exception is TooSoonException tooSoon)
        {
            httpContext.Response.Headers.RetryAfter = tooSoon.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // A caller that accepts no JSON gets the status without a body. Declining instead would make the middleware
        // log the exception a second time and rethrow it, turning a 404 into a 500.
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        return true;
    }

    /// <summary>
    /// A 500 is a bug or an outage nobody planned for: Error, with the exception and its stack. A 503 is a provider
    /// we depend on not answering, expected now and then and already retried by the HTTP client: Warning, with the
    /// cause but no stack. Every other status is an answer to the caller's request: Debug.
    /// </summary>
    private void Log(HttpContext httpContext, Exception exception, int status, string traceId)
    {
        var request = RequestName(httpContext);
        switch (status)
        {
            case StatusCodes.Status500InternalServerError:
                LogUnexpected(request, traceId, LogRedaction.Mask(exception));
                break;
            case StatusCodes.Status503ServiceUnavailable:
                LogProviderUnavailable(request, traceId, LogRedaction.MaskPhones(CauseOf(exception)));
                break;
            default:
                LogRefused(request, status, traceId, LogRedaction.MaskPhones(exception.Message));
                break;
        }
    }

    /// <summary>
    /// The method and route template (<c>GET /api/users/{id:guid}</c>): it names the endpoint without the values in
    /// the path, which may be phone numbers. The handler middleware has cleared the endpoint; its feature keeps it.
    /// </summary>
    private static string RequestName(HttpContext httpContext)
    {
        var route = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? pattern
            : LogRedaction.MaskPhones(httpContext.Request.Path.Value ?? "");
        return $"{httpContext.Request.Method} {route}";
    }

    private static string CauseOf(Exception exception) =>
        exception.InnerException is { } inner ? $"{exception.Message} ({inner.GetType().Name}: {inner.Message})" : exception.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} failed with an unexpected exception (500, trace id {TraceId})")]
    private partial void LogUnexpected(string request, string traceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} answered 503, trace id {TraceId}: {Reason}")]
    private partial void LogProviderUnavailable(string request, string traceId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} answered {Status}, trace id {TraceId}: {Reason}")]
    private partial void LogRefused(string request, int status, string traceId, string reason);

    /// <summary>camelCase, the way the JSON body names the field (<c>OccurredAt</c> → <c>occurredAt</c>).</summary>
    public static string FieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static Dictionary<string, string[]> UnreadableField(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { } path } json)
        {
            var field = FieldName(path.TrimStart('$', '.'));
            return new() { [field.Length == 0 ? "body" : field] = [json.Message.Split(" Path:")[0]] };
        }

        var parameter = ParameterPattern().Match(exception.Message);
        return parameter.Success
            ? new() { [parameter.Groups["name"].Value] = [exception.Message] }
            : new() { ["body"] = [exception.Message] };
    }

    private static ValidationProblemDetails Invalid(IDictionary<string, string[]> errors) =>
        new(errors) { Status = 400, Title = "One or more fields are invalid." };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [GeneratedRegex(@"parameter ""\S+ (?<name>\w+)""")]
    private static partial Regex ParameterPattern();
}
