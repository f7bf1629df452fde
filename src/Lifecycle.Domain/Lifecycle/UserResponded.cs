using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>
/// The user answered us or used the product — a reply on any channel, a campaign response, a login or other activity.
/// Every pending follow-up (a nudge, a call, a drip) is moot once they have (guide §3.5, policies.md).
/// </summary>
public sealed record UserResponded(UserId UserId, string How, string? ActiveCampaignId, DateTimeOffset At) : IDomainEvent;
