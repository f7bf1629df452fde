namespace Exotel.Sandbox.RateLimiting;

/// <summary>
/// A sliding 60 s window per key: a request is allowed while fewer than the limit were allowed in the last 60 s;
/// otherwise the answer says how many seconds until the oldest of them leaves the window.
/// </summary>
internal sealed class SlidingWindowLimiter
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly TimeProvider time;
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    public SlidingWindowLimiter(TimeProvider time, SandboxState state)
    {
        this.time = time;
        state.ResetRequested += Reset;
    }

    /// <summary>Counts the request and answers null, or answers the Retry-After seconds when the limit is reached.</summary>
    public int? TryAcquire(string key, int limit)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!windows.TryGetValue(key, out var window))
            {
                windows[key] = window = new Queue<DateTimeOffset>();
            }

            while (window.Count > 0 && window.Peek() <= now - Window)
            {
                window.Dequeue();
            }

            if (window.Count >= Math.Max(limit, 0))
            {
                var wait = window.Count > 0 ? window.Peek() + Window - now : Window;
                return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            }

            window.Enqueue(now);
            return null;
        }
    }

    private void Reset()
    {
        lock (gate)
        {
            windows.Clear();
        }
    }
}
