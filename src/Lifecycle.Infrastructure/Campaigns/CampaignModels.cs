namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>A user to enroll in a campaign; <paramref name="CustomFields"/> personalise its messages (none are sent when empty).</summary>
internal sealed record CampaignContact(string Phone, IReadOnlyDictionary<string, string>? CustomFields = null);

/// <summary>
/// A user synced into Exotel Contacts (the campaigns address book), where campaign segments read it; every field but the
/// number is optional and left out when unset.
/// </summary>
internal sealed record ExotelContact(
    string Number,
    string? FirstName = null,
    string? LastName = null,
    string? Email = null,
    string? Tag = null,
    IReadOnlyDictionary<string, string>? CustomField = null);

/// <summary>What became of an enroll or unenroll request.</summary>
internal abstract record CampaignChange
{
    private CampaignChange()
    {
    }

    /// <summary>
    /// Exotel took the request; <paramref name="Contacts"/> is the count it reports (<c>enrolled</c> / <c>unenrolled</c>),
    /// when it reports one. Enrolling a contact already active in the campaign is accepted, not a duplicate.
    /// </summary>
    public sealed record Accepted(int? Contacts) : CampaignChange;

    public sealed record Refused(string Code, string Message) : CampaignChange;
}

/// <summary>What became of a contacts sync.</summary>
internal abstract record ContactsSync
{
    private ContactsSync()
    {
    }

    /// <summary>Exotel took the request; one result per contact, in request order, when its answer lists them.</summary>
    public sealed record Synced(IReadOnlyList<ContactResult> Contacts) : ContactsSync;

    /// <summary>Exotel refused the whole request.</summary>
    public sealed record Refused(string Code, string Message) : ContactsSync;
}

/// <summary>One contact of a sync: created (with Exotel's sid) or refused with Exotel's code.</summary>
internal sealed record ContactResult(string? Sid, string? ErrorCode = null, string? ErrorMessage = null)
{
    public bool Created => ErrorCode is null;
}
