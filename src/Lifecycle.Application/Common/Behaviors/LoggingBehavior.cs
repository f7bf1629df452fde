using System.Diagnostics;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Domain.Common;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>
/// Opens a log scope keyed on the message's correlation id and logs how the message ended. Exception texts can
/// quote payloads, so phone numbers in them are masked before they reach a log sink.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var name = typeof(TMessage).Name;
        var scope = new Dictionary<string, object?> { ["Message"] = name };
        if (message is ICorrelated correlated)
        {
            scope["CorrelationId"] = LogRedaction.MaskPhones(correlated.CorrelationId);
        }

        using var _ = logger.BeginScope(scope);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, ct);
            LogHandled(name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            LogFailed(name, exception.GetType().Name, LogRedaction.MaskPhones(exception.Message));
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} failed: {ExceptionType}: {Reason}")]
    private partial void LogFailed(string message, string exceptionType, string reason);
}

public static partial class LogRedaction
{
    /// <summary>Replaces every E.164-looking number in a text by its masked form.</summary>
    public static string MaskPhones(string text) => PhonePattern().Replace(text, match => E164Phone.Mask(match.Value));

    [System.Text.RegularExpressions.GeneratedRegex(@"\+[0-9]{7,15}|\b[0-9]{10,15}\b")]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();
}
