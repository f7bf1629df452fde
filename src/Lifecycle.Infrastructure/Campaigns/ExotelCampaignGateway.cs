using Lifecycle.Application.Campaigns;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Infrastructure.Campaigns;

/// <summary><see cref="ICampaignGateway"/> on Exotel's Campaigns and Contacts APIs (<see cref="ExotelCampaigns"/>).</summary>
internal sealed class ExotelCampaignGateway(ExotelCampaigns campaigns) : ICampaignGateway
{
    public int MaxContactsPerSync => ExotelCampaigns.MaxContactsPerRequest;

    public Task<CampaignRequestResult> EnrollAsync(string campaignId, string phone, IReadOnlyDictionary<string, string> fields, CancellationToken ct) =>
        SettleAsync(async () => await campaigns.EnrollAsync(campaignId, [new CampaignContact(phone, fields)], ct));

    public Task<CampaignRequestResult> UnenrollAsync(string campaignId, string phone, CancellationToken ct) =>
        SettleAsync(async () => await campaigns.UnenrollAsync(campaignId, [phone], ct));

    public async Task<ContactsSyncResult> SyncContactsAsync(IReadOnlyList<SegmentMember> members, CancellationToken ct)
    {
        var contacts = members.Select(member => new ExotelContact(
            member.Phone,
            FirstName: member.Name,
            Tag: member.Stage.Name(),
            CustomField: new Dictionary<string, string> { ["user_id"] = member.UserId.ToString(), ["stage"] = member.Stage.Name() })).ToList();
        return await campaigns.SyncContactsAsync(contacts, ct) switch
        {
            ContactsSync.Synced synced => new ContactsSyncResult(
                synced.Contacts.Count(contact => contact.Created),
                synced.Contacts.Count(contact => !contact.Created),
                synced.Contacts.FirstOrDefault(contact => !contact.Created) is { } first ? $"{first.ErrorCode}: {first.ErrorMessage}" : null),
            ContactsSync.Refused refused => new ContactsSyncResult(0, members.Count, $"{refused.Code}: {refused.Message}"),
            _ => throw new InvalidOperationException("Unknown contacts sync result."),
        };
    }

    /// <summary>Exotel's answer in our words; an answer that may hide an accepted request is an unknown outcome (ADR 0006).</summary>
    private static async Task<CampaignRequestResult> SettleAsync(Func<Task<CampaignChange>> request)
    {
        try
        {
            return await request() switch
            {
                CampaignChange.Accepted => new CampaignRequestResult.Accepted(),
                CampaignChange.Refused refused => new CampaignRequestResult.Refused(refused.Code, refused.Message),
                _ => throw new InvalidOperationException("Unknown campaign change."),
            };
        }
        catch (Exception exception) when (ProviderOutcomeUnknownException.FindIn(exception) is { } unknown)
        {
            return new CampaignRequestResult.OutcomeUnknown(unknown.Message);
        }
    }
}
