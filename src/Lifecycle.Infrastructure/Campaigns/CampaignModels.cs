namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>A user to enroll in a campaign; <paramref name="CustomFields"/> personalise its messages (none are sent when empty).</summary>
internal sealed record CampaignContact(string Phone, IReadOnlyDictionary<string, string>? CustomFields = null);

/// <summary>A user synced into Exotel Contacts, where campaign segments read it.</summary>
internal sealed record ExotelContact(string Number, string? FirstName = null, IReadOnlyDictionary<string, string>? CustomFields = null);

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

    public sealed record Synced : ContactsSync;

    public sealed record Refused(string Code, string Message) : ContactsSync;
}
