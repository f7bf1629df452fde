namespace Lifecycle.Domain.Lifecycle;

/// <summary>The seven stages of guide §2, in lifecycle order.</summary>
public enum LifecycleStage
{
    Acquired,
    Onboarding,
    Activated,
    Engaged,
    AtRisk,
    Churned,
    Offboarded,
}
