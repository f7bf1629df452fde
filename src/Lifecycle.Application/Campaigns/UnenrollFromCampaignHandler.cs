using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Campaigns;

/// <summary>
/// Takes a user out of the campaign they are active in (guide §3.5: "if a user responds on any channel, remove them from
/// the sequence"). Asking twice is harmless — a contact not in the sequence is simply not there — so, unlike an
/// enrolment, an unknown outcome is no reason to hold back: our side ends the enrolment either way and a second request
/// would only repeat a removal.
/// </summary>
internal sealed class UnenrollFromCampaignHandler(
    IUserRepository users, ICampaignEnrolments enrolments, ICampaignGateway gateway, TimeProvider clock)
    : ICommandHandler<UnenrollFromCampaign>
{
    public async ValueTask<Unit> Handle(UnenrollFromCampaign command, CancellationToken ct)
    {
        if (await users.FindAsync(new UserId(command.UserId), ct) is not { ActiveCampaignId: { } campaignId } user)
        {
            return Unit.Value;
        }

        // An offboarded user may be erased by now: the enrolment still knows the number it was made for.
        var enrolment = await enrolments.FindOpenOfUserAsync(user.Id, campaignId, ct);
        if ((user.Phone?.Value ?? enrolment?.Phone) is not { Length: > 0 } phone)
        {
            user.LeaveCampaign(campaignId);
            return Unit.Value;
        }

        var result = await gateway.UnenrollAsync(campaignId, phone, ct);
        var now = clock.GetUtcNow();
        var detail = result switch
        {
            CampaignRequestResult.Refused refused => $"{command.Reason}; unenrol refused: {refused.Code}: {refused.Reason}",
            CampaignRequestResult.OutcomeUnknown unknown => $"{command.Reason}; unenrol unconfirmed: {unknown.Reason}",
            _ => command.Reason,
        };
        enrolment?.Unenroll(detail, now);
        if (user.IsErased)
        {
            enrolment?.ErasePersonalData();
        }

        user.LeaveCampaign(campaignId);
        return Unit.Value;
    }
}
