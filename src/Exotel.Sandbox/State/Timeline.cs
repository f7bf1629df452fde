namespace Exotel.Sandbox.State;

/// <summary>
/// The statuses a message, call or analysis goes through, each from a moment on. The current status is the last
/// one whose moment has passed, so a status look-up answers the final status once its delay is over even when the
/// callback that announced it was lost. Guarded by the owner's lock.
/// </summary>
internal sealed class Timeline<T>
{
    private readonly List<(DateTimeOffset At, T Value)> points = [];

    public Timeline(DateTimeOffset at, T initial) => points.Add((at, initial));

    public IReadOnlyList<(DateTimeOffset At, T Value)> Points => points;

    public void Add(DateTimeOffset at, T value)
    {
        points.Add((at, value));
        points.Sort((left, right) => left.At.CompareTo(right.At));
    }

    public (DateTimeOffset At, T Value) Current(DateTimeOffset now)
    {
        var current = points[0];
        foreach (var point in points)
        {
            if (point.At <= now)
            {
                current = point;
            }
        }

        return current;
    }

    public T Final => points[^1].Value;

    /// <summary>What happens from now on is <paramref name="value"/>: later points are dropped.</summary>
    public void Settle(DateTimeOffset now, T value)
    {
        points.RemoveAll(point => point.At > now);
        points.Add((now, value));
    }
}
