using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>A completed call left a recording: conversation-quality analytics can score it.</summary>
public sealed record CallRecorded(
    Guid CallId, UserId UserId, string CallSid, Guid ConversationId, CallPurpose Purpose, string RecordingUrl, int? DurationSeconds, DateTimeOffset At)
    : IDomainEvent;
