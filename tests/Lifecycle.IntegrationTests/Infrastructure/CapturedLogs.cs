using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>One log entry as a sink receives it, with the exception exactly as it was attached.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>Everything a sink could print for this entry: the message and the attached exception's full text.</summary>
    public string Text => $"{Message}\n{Exception}";
}

/// <summary>
/// A logger provider added next to the host's own: it sees what a console or OpenTelemetry sink would see, after the
/// host's real <c>Logging</c> configuration has filtered it, so level settings in appsettings.json count.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    /// <summary>Entries at Warning or above: what an operator is paged or alerted on.</summary>
    public IReadOnlyList<CapturedLog> Alarming => [.. entries.Where(entry => entry.Level >= LogLevel.Warning)];

    public void Clear() => entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception));
    }
}
