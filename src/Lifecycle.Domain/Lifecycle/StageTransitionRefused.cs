using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

public sealed class StageTransitionRefused(LifecycleStage from, LifecycleStage to, string trigger)
    : DomainException($"A user in {from.Name()} cannot move to {to.Name()} ({trigger}).")
{
    public LifecycleStage From { get; } = from;

    public LifecycleStage To { get; } = to;

    public string Trigger { get; } = trigger;
}
