using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Campaigns;

public interface ICampaignEnrolments
{
    /// <summary>The open enrolment (enrolling, active or unconfirmed) of a number in a campaign, if any.</summary>
    Task<CampaignEnrolment?> FindOpenAsync(string campaignId, string phone, CancellationToken ct);

    /// <summary>The user's open enrolment in a campaign: found by the user, since an offboarded user's number may be gone.</summary>
    Task<CampaignEnrolment?> FindOpenOfUserAsync(UserId userId, string campaignId, CancellationToken ct);

    void Add(CampaignEnrolment enrolment);

    void Add(CampaignEvent campaignEvent);
}

/// <summary>Reads the users a segment sync hands the provider, a page at a time in a stable order.</summary>
public interface ISegmentReader
{
    /// <summary>Up to <paramref name="count"/> users with a phone, after the first <paramref name="skip"/>.</summary>
    Task<IReadOnlyList<SegmentMember>> ReadAsync(int skip, int count, CancellationToken ct);
}

public sealed record SegmentMember(UserId UserId, string Phone, string? Name, LifecycleStage Stage);

/// <summary>
/// The provider's campaigns (drip sequences) and contacts. What surely did not reach the provider throws (the outbox
/// retries); refusals and unknown outcomes are returned.
/// </summary>
public interface ICampaignGateway
{
    /// <param name="fields">Personalisation kept on the contact (the user's id, name, stage).</param>
    Task<CampaignRequestResult> EnrollAsync(string campaignId, string phone, IReadOnlyDictionary<string, string> fields, CancellationToken ct);

    Task<CampaignRequestResult> UnenrollAsync(string campaignId, string phone, CancellationToken ct);

    /// <summary>Creates or updates contacts, tagged with their stage; at most <see cref="MaxContactsPerSync"/> per call.</summary>
    Task<ContactsSyncResult> SyncContactsAsync(IReadOnlyList<SegmentMember> members, CancellationToken ct);

    int MaxContactsPerSync { get; }
}

public abstract record CampaignRequestResult
{
    private CampaignRequestResult()
    {
    }

    public sealed record Accepted : CampaignRequestResult;

    public sealed record Refused(string Code, string Reason) : CampaignRequestResult;

    /// <summary>The provider may have taken the request and we cannot tell (ADR 0006).</summary>
    public sealed record OutcomeUnknown(string Reason) : CampaignRequestResult;
}

/// <param name="Synced">Contacts the provider took.</param>
/// <param name="Refused">Contacts (or, for a refused request, all of them) it did not take.</param>
/// <param name="Detail">The refusal of the whole request or the first contact's, for the log.</param>
public sealed record ContactsSyncResult(int Synced, int Refused, string? Detail = null);
