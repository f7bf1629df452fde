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
        if (await users.FindAsync(new UserId(command.UserId), ct) is not { ActiveCampaignId: { } campaignId, Phone: { } phone } user)
        {
            return Unit.Value;
        }

        var result = await gateway.UnenrollAsync(campaignId, phone.Value, ct);
        var now = clock.GetUtcNow();
        var detail = result switch
        {
            CampaignRequestResult.Refused refused => $"{command.Reason}; unenrol refused: {refused.Code}: {refused.Reason}",
            CampaignRequestResult.OutcomeUnknown unknown => $"{command.Reason}; unenrol unconfirmed: {unknown.Reason}",
            _ => command.Reason,
        };
        (await enrolments.FindOpenAsync(campaignId, phone.Value, ct))?.Unenroll(detail, now);
        user.LeaveCampaign(campaignId);
        return Unit.Value;
    }
}
