using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>The user sent us a WhatsApp message: text, or the id of the button they pressed.</summary>
public sealed record UserRepliedOnWhatsApp(UserId UserId, string MessageSid, string? ButtonPayload, string? Body, DateTimeOffset At)
    : IDomainEvent;
