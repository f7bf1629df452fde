namespace Lifecycle.Domain.Common;

/// <summary>
/// An aggregate guarded by optimistic concurrency: the store bumps <see cref="Version"/> on every write and
/// refuses a write based on a stale read. Domain events wait here until the unit of work dispatches them.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> domainEvents = [];

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public IReadOnlyList<IDomainEvent> DequeueDomainEvents()
    {
        var events = domainEvents.ToArray();
        domainEvents.Clear();
        return events;
    }

    protected void Raise(IDomainEvent domainEvent) => domainEvents.Add(domainEvent);
}
