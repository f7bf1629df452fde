using Microsoft.Extensions.Logging;

namespace Lifecycle.Application.Tests.Support;

internal sealed record LogEntry(LogLevel Level, string Message, string State, Exception? Exception);

/// <summary>Keeps every log entry and scope, rendered as a sink would see them; entries below <paramref name="minimum"/> are not enabled.</summary>
internal sealed class CapturingLogger<T>(LogLevel minimum = LogLevel.Trace) : ILogger<T>
{
    public List<LogEntry> Entries { get; } = [];

    public List<string> Scopes { get; } = [];

    /// <summary>Everything a sink could write: messages, structured values, scopes and attached exceptions.</summary>
    public string AllText =>
        string.Join('\n', Scopes.Concat(Entries.SelectMany(entry => new[] { entry.Message, entry.State, entry.Exception?.ToString() ?? "" })));

    public IDisposable BeginScope<TState>(TState state)
        where TState : notnull
    {
        Scopes.Add(Render(state));
        return Scope.Instance;
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.AddRange(IsEnabled(logLevel) ? [new LogEntry(logLevel, formatter(state, exception), Render(state), exception)] : []);

    private static string Render(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
            : state?.ToString() ?? "";

    private sealed class Scope : IDisposable
    {
        public static readonly Scope Instance = new();

        public void Dispose()
        {
        }
    }
}
