using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>
/// A message left our hands: the provider took it (submitted or later), or it failed for good before it could be
/// handed over. Either way nothing more of it depends on what we hold about the recipient.
/// </summary>
public sealed record OutboundMessageHandedOver(Guid MessageId, UserId UserId, string Notification, MessageStatus Status) : IDomainEvent;
