using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>The event has no meaning for a user in this stage (the 409 cells of policies.md).</summary>
public sealed class ProductEventRefused(ProductEvent productEvent, LifecycleStage stage)
    : DomainException($"A '{productEvent.Name()}' event is not accepted for a user in {stage.Name()}.");
