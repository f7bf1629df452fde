using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle.Offboarding;

/// <summary>
/// The offboarding confirmation left our hands — Exotel took it, or it failed for good: the phone it needed can go now.
/// </summary>
internal sealed class EraseOnceConfirmationHandedOver(IUserRepository users, PersonalDataErasure erasure)
    : IDomainEventHandler<OutboundMessageHandedOver>
{
    public async Task HandleAsync(OutboundMessageHandedOver handedOver, CancellationToken ct)
    {
        if (handedOver.Notification != OffboardUserHandler.Confirmation
            || await users.FindAsync(handedOver.UserId, ct) is not { Stage: LifecycleStage.Offboarded } user)
        {
            return;
        }

        await erasure.EraseAsync(user, ct);
    }
}
