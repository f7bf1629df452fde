using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Lifecycle.Web.Common;

/// <summary>Turns every exception that leaves a handler into RFC 9457 problem details with the right status.</summary>
internal sealed partial class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
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
            _ => Problem(500, "Internal error", "The request failed; see the server log for the trace id."),
        };

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is TooSoonException tooSoon)
        {
            httpContext.Response.Headers.RetryAfter = tooSoon.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

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
