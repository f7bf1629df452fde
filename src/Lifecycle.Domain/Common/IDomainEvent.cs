namespace Lifecycle.Domain.Common;

/// <summary>Something that happened inside an aggregate, handled in the same transaction that stores it.</summary>
public interface IDomainEvent;
