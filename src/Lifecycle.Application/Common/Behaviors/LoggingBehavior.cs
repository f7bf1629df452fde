using System.Diagnostics;
using Lifecycle.Application.Common.Messaging;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Common.Behaviors;

/// <summary>
/// Opens a log scope naming a correlated message and its correlation id (the verification, call or session it is
/// about), and traces, at Debug, how the message ended. An uncorrelated message — the webhook accept on the hot path, a
/// query — opens no scope: with nothing to correlate, a scope per request would only cost its allocations. A failure
/// is not logged higher here: the caller that catches it (the HTTP exception handler, the durable work processor) logs
/// it once, at the level only it can choose — a 404 is an answer, an outbox failure is retried, a bug is a 500 — and a
/// message sent from inside another handler would otherwise be logged once per pipeline it fails through. Exception
/// texts can quote payloads, so phone numbers in them are masked before they reach a log sink.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly Func<ILogger, string, string, IDisposable?> CorrelationScope =
        LoggerMessage.DefineScope<string, string>("{Message} {CorrelationId}");

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct) =>
        message is ICorrelated || logger.IsEnabled(LogLevel.Debug) ? TraceAsync(message, next, ct) : next(message, ct);

    private async ValueTask<TResponse> TraceAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        using var _ = message is ICorrelated correlated
            ? CorrelationScope(logger, typeof(TMessage).Name, LogRedaction.MaskPhones(correlated.CorrelationId))
            : null;
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return await next(message, ct);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, ct);
            LogHandled(typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            LogFailed(typeof(TMessage).Name, exception.GetType().Name, LogRedaction.MaskPhones(exception.Message), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string message, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Message} failed: {ExceptionType}: {Reason} after {ElapsedMs:0.0} ms")]
    private partial void LogFailed(string message, string exceptionType, string reason, double elapsedMs);
}
