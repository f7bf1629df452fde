using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>
/// A product user and their lifecycle stage (guide §7 <c>users</c>). Every stage change goes through
/// <see cref="TransitionTo"/>, which enforces <see cref="StagePolicy"/> and records the transition.
/// </summary>
public sealed class User : AggregateRoot
{
    private readonly List<StageTransition> transitions = [];

    private User()
    {
    }

    public UserId Id { get; private set; }

    /// <summary>Null once the user has been offboarded and their personal data erased.</summary>
    public E164Phone? Phone { get; private set; }

    public string? Name { get; private set; }

    public LifecycleStage Stage { get; private set; }

    public DateTimeOffset StageUpdatedAt { get; private set; }

    public DateTimeOffset? LastActivityAt { get; private set; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    public DateTimeOffset? LastContactAt { get; private set; }

    public Channel? LastContactChannel { get; private set; }

    public Channel? ChannelPreference { get; private set; }

    public string? VerifySid { get; private set; }

    /// <summary>The campaign whose drip sequence the user is in, if any (one at a time).</summary>
    public string? ActiveCampaignId { get; private set; }

    /// <summary>
    /// When the user was last nudged for being inactive (guide §4.2); a nudge is due again only after new activity, so a
    /// second scan of the same inactivity finds nothing.
    /// </summary>
    public DateTimeOffset? LastNudgedAt { get; private set; }

    public double? CqaLastScore { get; private set; }

    public bool OptOutSms { get; private set; }

    public bool OptOutWhatsapp { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// After erasure, a keyed hash of the phone the user had: enough to recognise the number again, not to recover it.
    /// </summary>
    public string? ErasedPhoneHash { get; private set; }

    /// <summary>True once name and phone have been erased (GDPR offboarding).</summary>
    public bool IsErased => ErasedPhoneHash is not null;

    /// <summary>When the user last wrote to us on WhatsApp: free-form messages are allowed for 24 h after it.</summary>
    public DateTimeOffset? LastInboundWhatsAppAt { get; private set; }

    /// <summary>How many transitions the user has had; numbers the history.</summary>
    public int TransitionCount { get; private set; }

    /// <summary>Transitions made through this instance; the full history is read through the timeline.</summary>
    public IReadOnlyCollection<StageTransition> Transitions => transitions;

    public static User Register(UserId id, E164Phone phone, string? name, string? correlationId, DateTimeOffset now)
    {
        var user = new User { Id = id, Phone = phone, Name = name, CreatedAt = now };
        user.Record(null, LifecycleStage.Acquired, "signup_submitted", correlationId, now);
        return user;
    }

    public void TransitionTo(LifecycleStage to, string trigger, string? correlationId, DateTimeOffset now)
    {
        if (!StagePolicy.Allows(Stage, to))
        {
            throw new StageTransitionRefused(Stage, to, trigger);
        }

        Record(Stage, to, trigger, correlationId, now);
    }

    /// <summary>Applies a product signal as the event table of policies.md says; returns the stage after it.</summary>
    public LifecycleStage ApplyProductEvent(
        ProductEvent productEvent, DateTimeOffset occurredAt, TimeSpan engagedAfter, string? correlationId, DateTimeOffset now)
    {
        var target = TargetOf(productEvent, occurredAt, engagedAfter);
        if (productEvent.IsActivity())
        {
            if (LastActivityAt is null || occurredAt > LastActivityAt)
            {
                LastActivityAt = occurredAt;
            }

            Responded($"event:{productEvent.Name()}", now);
        }

        if (target is { } stage && stage != Stage)
        {
            TransitionTo(stage, $"event:{productEvent.Name()}", correlationId, now);
        }

        return Stage;
    }

    /// <summary>
    /// The user proved they hold their phone (an approved verification, guide §7): the verification sid is
    /// recorded and the channel that carried the code is the last contact.
    /// </summary>
    public void RecordVerifiedContact(string? verifySid, Channel channel, DateTimeOffset now)
    {
        VerifySid = verifySid ?? VerifySid;
        LastContactChannel = channel;
        if (LastContactAt is null || now > LastContactAt)
        {
            LastContactAt = now;
        }
    }

    /// <summary>A message reached the user (guide §7: a delivered WhatsApp, an answered call).</summary>
    /// <summary>The score of the user's latest analysed interaction (guide §6 <c>cqa_last_score</c>).</summary>
    public void RecordCqaScore(double score) => CqaLastScore = score;

    public void RecordContact(Channel channel, DateTimeOffset now)
    {
        if (LastContactAt is null || now >= LastContactAt)
        {
            LastContactAt = now;
            LastContactChannel = channel;
        }
    }

    /// <summary>
    /// The user wrote to us on WhatsApp (guide §3.4, §7): last contact, WhatsApp as the preferred channel, a fresh 24 h
    /// window; <c>STOP</c> / <c>START</c> change the opt-out. The flows listening for replies get the event.
    /// </summary>
    public void ReceiveWhatsApp(string messageSid, string? buttonPayload, string? body, DateTimeOffset now)
    {
        RecordContact(Channel.WhatsApp, now);
        ChannelPreference = Channel.WhatsApp;
        LastInboundWhatsAppAt = now;
        switch (body?.Trim().ToUpperInvariant())
        {
            case "STOP":
                OptOutWhatsapp = true;
                break;
            case "START":
                OptOutWhatsapp = false;
                break;
        }

        Raise(new UserRepliedOnWhatsApp(Id, messageSid, buttonPayload, body, now));
        Responded("reply:whatsapp", now);
    }

    /// <summary>The user texted us: <c>STOP</c> opts them out of SMS, <c>START</c> back in; either way it is a contact.</summary>
    public void ReceiveSms(string body, DateTimeOffset now)
    {
        RecordContact(Channel.Sms, now);
        switch (body.Trim().ToUpperInvariant())
        {
            case "STOP":
                OptOutSms = true;
                break;
            case "START":
                OptOutSms = false;
                break;
        }

        Responded("reply:sms", now);
    }

    /// <summary>The user answered a step of a campaign's sequence, on whichever channel it used.</summary>
    public void RespondToCampaign(string campaignId, DateTimeOffset now) => Responded($"campaign:{campaignId}", now);

    /// <summary>
    /// The inactivity scan nudged the user (guide §4.2). Only an inactive ONBOARDING user not yet nudged for this spell of
    /// inactivity can be: a repeated scan is refused here rather than nudging twice.
    /// </summary>
    public void NudgeForActivation(DateTimeOffset now)
    {
        if (Stage != LifecycleStage.Onboarding || !IsDueForNudge)
        {
            throw new InvalidOperationException($"User {Id} is not due for an activation nudge.");
        }

        LastNudgedAt = now;
    }

    /// <summary>The user has not been nudged since they were last seen (activity, or the stage change).</summary>
    public bool IsDueForNudge => LastNudgedAt is not { } nudged || nudged < LastSeenAt;

    /// <summary>When the user last showed a sign of life: their last activity, or the stage change when that is later.</summary>
    public DateTimeOffset LastSeenAt => LastActivityAt is { } activity && activity > StageUpdatedAt ? activity : StageUpdatedAt;

    /// <summary>The provider took (or may have taken) the user into a campaign's sequence.</summary>
    public void JoinCampaign(string campaignId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ActiveCampaignId = campaignId;
    }

    /// <summary>The user is out of <paramref name="campaignId"/>; another campaign joined since is kept.</summary>
    public void LeaveCampaign(string campaignId)
    {
        if (ActiveCampaignId == campaignId)
        {
            ActiveCampaignId = null;
        }
    }

    /// <summary>An explicit delete or GDPR request (policies.md: any stage → OFFBOARDED, terminal).</summary>
    public void Offboard(string? correlationId, DateTimeOffset now) => TransitionTo(LifecycleStage.Offboarded, "gdpr_request", correlationId, now);

    /// <summary>
    /// Erases the user's name and phone, keeping <paramref name="phoneHash"/> in their place. Only an offboarded user
    /// is erased; the stage history stays, and it holds no personal data.
    /// </summary>
    public void ErasePersonalData(string phoneHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneHash);
        if (Stage != LifecycleStage.Offboarded)
        {
            throw new InvalidOperationException($"Only an offboarded user is erased (the user is {Stage}).");
        }

        Phone = null;
        Name = null;
        ErasedPhoneHash = phoneHash;
    }

    public void UpdatePreferences(bool? optOutSms, bool? optOutWhatsapp, Channel? channelPreference)
    {
        OptOutSms = optOutSms ?? OptOutSms;
        OptOutWhatsapp = optOutWhatsapp ?? OptOutWhatsapp;
        ChannelPreference = channelPreference ?? ChannelPreference;
    }

    private void Responded(string how, DateTimeOffset now) => Raise(new UserResponded(Id, how, ActiveCampaignId, now));

    /// <summary>The stage an event leads to (the current one when it is only recorded); refuses the 409 cells.</summary>
    private LifecycleStage? TargetOf(ProductEvent productEvent, DateTimeOffset occurredAt, TimeSpan engagedAfter)
    {
        var refused = Stage == LifecycleStage.Offboarded
            || (productEvent == ProductEvent.KeyAction && Stage == LifecycleStage.Acquired)
            || (!productEvent.IsActivity() && Stage is LifecycleStage.Acquired or LifecycleStage.Churned);
        if (refused)
        {
            throw new ProductEventRefused(productEvent, Stage);
        }

        if (!productEvent.IsActivity())
        {
            return LifecycleStage.AtRisk;
        }

        return Stage switch
        {
            LifecycleStage.Onboarding when productEvent == ProductEvent.KeyAction => LifecycleStage.Activated,
            LifecycleStage.Activated when productEvent != ProductEvent.KeyAction && occurredAt >= ActivatedAt + engagedAfter =>
                LifecycleStage.Engaged,
            LifecycleStage.AtRisk or LifecycleStage.Churned => LifecycleStage.Engaged,
            _ => null,
        };
    }

    private void Record(LifecycleStage? from, LifecycleStage to, string trigger, string? correlationId, DateTimeOffset now)
    {
        Stage = to;
        StageUpdatedAt = now;
        if (to == LifecycleStage.Activated)
        {
            ActivatedAt = now;
        }

        TransitionCount++;
        transitions.Add(new StageTransition(Id, TransitionCount, from, to, trigger, correlationId, now));
        Raise(new UserStageChanged(Id, from, to, now));
    }
}
