using System.Diagnostics;
using Lifecycle.Application.Common.Messaging;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>
/// Opens a log scope keyed on the message's correlation id and traces, at Debug, how the message ended. A failure is
/// not logged higher here: the caller that catches it (the HTTP exception handler, the durable work processor) logs
/// it once, at the level only it can choose — a 404 is an answer, an outbox failure is retried, a bug is a 500 —
/// and a message sent from inside another handler would otherwise be logged once per pipeline it fails through.
/// Exception texts can quote payloads, so phone numbers in them are masked before they reach a log sink.
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
            LogFailed(name, exception.GetType().Name, LogRedaction.MaskPhones(exception.Message), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} failed: {ExceptionType}: {Reason} after {ElapsedMs:0.0} ms")]
    private partial void LogFailed(string message, string exceptionType, string reason, double elapsedMs);
}
