using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

public sealed record UserStageChanged(UserId UserId, LifecycleStage? From, LifecycleStage To, DateTimeOffset At) : IDomainEvent;
