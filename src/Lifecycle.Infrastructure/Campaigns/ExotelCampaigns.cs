using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>
/// Enrolls users in Exotel campaigns (drip sequences configured in Engage), takes them out again, and syncs contacts
/// for segment-driven campaigns; sorts refusals (a result) from hiccups (<see cref="ExotelTransientException"/>).
/// </summary>
internal sealed class ExotelCampaigns(IExotelCampaignsApi api, IOptions<ExotelOptions> exotel)
{
    public async Task<CampaignChange> EnrollAsync(string campaignId, IReadOnlyList<CampaignContact> contacts, CancellationToken ct)
    {
        var body = Body(campaignId, [.. contacts.Select(contact => new CampaignWireContact
        {
            Phone = contact.Phone,
            CustomFields = contact.CustomFields is { Count: > 0 } ? contact.CustomFields : null,
        })]);
        using var response = await api.EnrollAsync(exotel.Value.AccountSid, body, ct);
        return await ChangeAsync(response, "enrolled", ct);
    }

    /// <summary>Takes users out of a campaign's sequence, e.g. once they answered on any channel.</summary>
    public async Task<CampaignChange> UnenrollAsync(string campaignId, IReadOnlyList<string> phones, CancellationToken ct)
    {
        var body = Body(campaignId, [.. phones.Select(phone => new CampaignWireContact { Phone = phone })]);
        using var response = await api.UnenrollAsync(exotel.Value.AccountSid, body, ct);
        return await ChangeAsync(response, "unenrolled", ct);
    }

    /// <summary>Exotel creates at most this many contacts per request.</summary>
    public const int MaxContactsPerRequest = 5000;

    /// <exception cref="ArgumentException">No contacts, or more than <see cref="MaxContactsPerRequest"/>.</exception>
    public async Task<ContactsSync> SyncContactsAsync(IReadOnlyList<ExotelContact> contacts, CancellationToken ct)
    {
        if (contacts.Count is 0 or > MaxContactsPerRequest)
        {
            throw new ArgumentException(
                $"A contacts sync carries 1 to {MaxContactsPerRequest} contacts; {contacts.Count} were given.", nameof(contacts));
        }

        var body = new ContactsBody
        {
            Contacts = [.. contacts.Select(contact => new WireContact
            {
                Number = contact.Number,
                FirstName = NullIfEmpty(contact.FirstName),
                LastName = NullIfEmpty(contact.LastName),
                Email = NullIfEmpty(contact.Email),
                Tag = NullIfEmpty(contact.Tag),
                CustomField = contact.CustomField is { Count: > 0 } ? contact.CustomField : null,
            })],
        };
        using var response = await api.SyncContactsAsync(exotel.Value.AccountSid, body, ct);
        var reply = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode && ContactsReply.Read(reply, contacts.Count) is { } results)
        {
            return new ContactsSync.Synced(results);
        }

        if (response.IsSuccessStatusCode && !CampaignReply.Read(reply, "contacts").Failed)
        {
            throw ExotelResponse.Unreadable(response, "result for every contact");
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, reply);
        return new ContactsSync.Refused(code, message);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static CampaignContactsBody Body(string campaignId, IReadOnlyList<CampaignWireContact> contacts)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaignId);
        return contacts.Count == 0
            ? throw new ArgumentException("A campaign request needs at least one contact.", nameof(contacts))
            : new CampaignContactsBody { CampaignId = campaignId, Contacts = contacts };
    }

    private static async Task<CampaignChange> ChangeAsync(HttpResponseMessage response, string countField, CancellationToken ct)
    {
        var reply = await ExotelResponse.ReadBodyAsync(response, ct);
        var (failed, count) = CampaignReply.Read(reply, countField);
        if (response.IsSuccessStatusCode && !failed)
        {
            return new CampaignChange.Accepted(count);
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, reply);
        return new CampaignChange.Refused(code, message);
    }
}
