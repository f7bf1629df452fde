using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Campaigns;

/// <summary>Where a user's place in one campaign's drip sequence stands.</summary>
public enum EnrolmentStatus
{
    /// <summary>The enrol request is about to go (or went) out and its answer is not recorded yet.</summary>
    Enrolling,

    /// <summary>The provider took the enrolment.</summary>
    Active,

    /// <summary>
    /// The provider may or may not have taken it (a timeout after the request was written, an answer we cannot read).
    /// Treated as active: a response still unenrols, and the request is never repeated (ADR 0006).
    /// </summary>
    Unconfirmed,

    /// <summary>The provider refused the enrolment for good.</summary>
    Refused,

    /// <summary>We took the user out of the sequence (they responded, or left).</summary>
    Unenrolled,

    /// <summary>The sequence ran to its end.</summary>
    Completed,
}

public static class EnrolmentStatusNames
{
    public static WireNames<EnrolmentStatus> Wire { get; } = new(new Dictionary<EnrolmentStatus, string>
    {
        [EnrolmentStatus.Enrolling] = "enrolling",
        [EnrolmentStatus.Active] = "active",
        [EnrolmentStatus.Unconfirmed] = "unconfirmed",
        [EnrolmentStatus.Refused] = "refused",
        [EnrolmentStatus.Unenrolled] = "unenrolled",
        [EnrolmentStatus.Completed] = "completed",
    });

    public static string Name(this EnrolmentStatus status) => Wire.Name(status);

    /// <summary>Enrolling, active or unconfirmed: the user may be in the sequence, so a second enrol changes nothing.</summary>
    public static bool IsOpen(this EnrolmentStatus status) => status <= EnrolmentStatus.Unconfirmed;
}

/// <summary>
/// A user's enrolment in one campaign (guide §3.5 method A), one per phone and campaign while open. It is recorded
/// before the enrol request goes out, so a re-delivered request finds it and does not enrol twice.
/// </summary>
public sealed class CampaignEnrolment : AggregateRoot
{
    private CampaignEnrolment()
    {
        CampaignId = string.Empty;
        Phone = string.Empty;
        Reason = string.Empty;
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public string CampaignId { get; private set; }

    /// <summary>The number enrolled (E.164): the provider knows the contact by it.</summary>
    public string Phone { get; private set; }

    /// <summary>Why we enrolled the user (<c>inactive</c>, <c>cqa_low_score</c>…).</summary>
    public string Reason { get; private set; }

    public EnrolmentStatus Status { get; private set; }

    /// <summary>The provider's refusal, an unknown outcome's reason, or why the enrolment ended.</summary>
    public string? Detail { get; private set; }

    /// <summary>The last campaign event reported for this enrolment (<c>delivered</c>, <c>responded</c>…).</summary>
    public string? LastEvent { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static CampaignEnrolment Start(UserId userId, string campaignId, E164Phone phone, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        return new CampaignEnrolment
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CampaignId = campaignId,
            Phone = phone.Value,
            Reason = reason,
            Status = EnrolmentStatus.Enrolling,
            RequestedAt = now,
            UpdatedAt = now,
        };
    }

    public void Activate(DateTimeOffset now) => Move(EnrolmentStatus.Active, null, now);

    public void Refuse(string detail, DateTimeOffset now) => Move(EnrolmentStatus.Refused, detail, now);

    /// <summary>The answer to the enrol request never came (or could not be read); it is not asked again.</summary>
    public void LeaveUnconfirmed(string detail, DateTimeOffset now) => Move(EnrolmentStatus.Unconfirmed, detail, now);

    public void Unenroll(string detail, DateTimeOffset now) => End(EnrolmentStatus.Unenrolled, detail, now);

    public void Complete(DateTimeOffset now) => End(EnrolmentStatus.Completed, null, now);

    /// <summary>The user was offboarded: the number the enrolment was made for is erased; what happened to it stays.</summary>
    public void ErasePersonalData() => Phone = string.Empty;

    /// <summary>A campaign event about this enrolment (sent, delivered, responded…), whatever its word.</summary>
    public void RecordEvent(string name, DateTimeOffset now)
    {
        LastEvent = name;
        UpdatedAt = now;
    }

    private void End(EnrolmentStatus status, string? detail, DateTimeOffset now)
    {
        if (Status.IsOpen())
        {
            Move(status, detail, now);
        }
    }

    private void Move(EnrolmentStatus status, string? detail, DateTimeOffset now)
    {
        Status = status;
        Detail = detail;
        UpdatedAt = now;
    }
}
