using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Common.Durable;

/// <summary>
/// Per-lane request quotas of the provider account (<c>Lifecycle:Outbox:RequestsPerMinute</c>), as a sliding 60 s
/// window on the injected clock. The limit holds per instance; see docs/operations.md for several instances.
/// </summary>
internal sealed class OutboxRateLimiter(TimeProvider clock, IOptions<OutboxOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> sent = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    /// <summary>Takes a slot and returns null, or returns when the next slot frees up without taking one.</summary>
    public DateTimeOffset? NextSlot(string lane)
    {
        if (!options.Value.RequestsPerMinute.TryGetValue(lane, out var limit))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (!sent.TryGetValue(lane, out var window))
            {
                sent[lane] = window = new Queue<DateTimeOffset>();
            }

            while (window.Count > 0 && window.Peek() <= now - Window)
            {
                window.Dequeue();
            }

            if (window.Count < limit)
            {
                window.Enqueue(now);
                return null;
            }

            return window.Peek() + Window;
        }
    }
}
