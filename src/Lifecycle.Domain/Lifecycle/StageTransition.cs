namespace Lifecycle.Domain.Lifecycle;

/// <summary>One row of a user's transitions history. It holds no personal data, so it outlives erasure.</summary>
public sealed class StageTransition
{
    private StageTransition()
    {
        Trigger = string.Empty;
    }

    internal StageTransition(UserId userId, int sequence, LifecycleStage? from, LifecycleStage to, string trigger, string? correlationId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        UserId = userId;
        Sequence = sequence;
        From = from;
        To = to;
        Trigger = trigger;
        CorrelationId = correlationId;
        At = at;
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    /// <summary>1 for the user's first transition, then counting up: the order of the history.</summary>
    public int Sequence { get; private set; }

    public LifecycleStage? From { get; private set; }

    public LifecycleStage To { get; private set; }

    public string Trigger { get; private set; }

    public string? CorrelationId { get; private set; }

    public DateTimeOffset At { get; private set; }
}
