using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle.Offboarding;

/// <summary>
/// <c>DELETE /api/users/{id}</c> (api.md, guide §2, §7): OFFBOARDED at once, everything still queued for the user
/// cancelled, the campaign left, and a confirmation SMS queued; name and phone are erased once that SMS is handed to
/// Exotel (<see cref="EraseOnceConfirmationHandedOver"/>), or at once when no SMS can be sent. A second request for an
/// offboarded user changes nothing.
/// </summary>
public sealed record OffboardUser(Guid UserId) : ICommand<OffboardingAccepted>, ICorrelated
{
    public string CorrelationId => UserId.ToString();
}

public sealed record OffboardingAccepted(Guid UserId, string Stage);

internal sealed class OffboardUserHandler(
    IUserRepository users,
    IEnumerable<IUserDataOwner> owners,
    IOutbox outbox,
    MessageLadder ladder,
    PersonalDataErasure erasure,
    TimeProvider clock) : ICommandHandler<OffboardUser, OffboardingAccepted>
{
    public const string Confirmation = "offboarding_confirmation";

    public async ValueTask<OffboardingAccepted> Handle(OffboardUser command, CancellationToken ct)
    {
        var user = await users.FindAsync(new UserId(command.UserId), ct) ?? throw new NotFoundException("User", command.UserId);
        if (user.Stage == LifecycleStage.Offboarded)
        {
            return new OffboardingAccepted(user.Id.Value, user.Stage.Name());
        }

        user.Offboard(command.CorrelationId, clock.GetUtcNow());
        var offboarded = new OffboardedUser(user.Id, user.Phone, user.Name);
        foreach (var owner in owners)
        {
            await owner.CancelPendingAsync(offboarded, ct);
        }

        if (user.ActiveCampaignId is not null)
        {
            outbox.Enqueue(new UnenrollFromCampaign(user.Id.Value, "offboarded"));
        }

        var confirmation = user.OptOutSms
            ? null
            : await ladder.SendAsync(user, Confirmation, new Dictionary<string, string>(), Channel.Sms, ct);
        if (confirmation is null || confirmation.Status > MessageStatus.Sending)
        {
            // Nothing will be handed to Exotel (opted out, or no channel could carry it): nothing waits for the phone.
            await erasure.EraseAsync(user, ct);
        }

        return new OffboardingAccepted(user.Id.Value, user.Stage.Name());
    }
}
