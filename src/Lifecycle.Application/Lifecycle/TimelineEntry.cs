using System.Text.Json.Serialization;

namespace Lifecycle.Application.Lifecycle;

/// <summary>One entry of a user's timeline; <c>kind</c> tells which (api.md).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TransitionEntry), "transition")]
[JsonDerivedType(typeof(MessageEntry), "message")]
[JsonDerivedType(typeof(ChatEntry), "chat")]
[JsonDerivedType(typeof(CallEntry), "call")]
[JsonDerivedType(typeof(TicketEntry), "ticket")]
[JsonDerivedType(typeof(CqaEntry), "cqa")]
[JsonDerivedType(typeof(TaskEntry), "task")]
public abstract record TimelineEntry(DateTimeOffset At);

public sealed record TransitionEntry(DateTimeOffset At, string? From, string To, string Trigger, string? CorrelationId)
    : TimelineEntry(At);

public sealed record MessageEntry(DateTimeOffset At, string Channel, string Notification, string Status, string? ProviderId)
    : TimelineEntry(At);

/// <summary>A step of a conversation (chatbot session, bot or agent call): started, stalled, handed to a queue…</summary>
public sealed record ChatEntry(DateTimeOffset At, Guid ConversationId, string Flow, string? SessionId, string Step, string? Detail)
    : TimelineEntry(At);

/// <summary>A call we placed (or tried to), at its latest moment: ended, else placed, else asked for.</summary>
public sealed record CallEntry(DateTimeOffset At, string? CallSid, string Purpose, string Status, int? DurationSeconds)
    : TimelineEntry(At);

/// <summary>Work for a person opened about the user (e.g. human outreach after unanswered voicebot calls).</summary>
public sealed record TicketEntry(DateTimeOffset At, Guid TicketId, string Reason, string Status, string? CallSid)
    : TimelineEntry(At);

/// <summary>A quality analysis of one of the user's interactions; <c>interactionId</c> is our external interaction id.</summary>
public sealed record CqaEntry(DateTimeOffset At, string InteractionId, double FinalScore)
    : TimelineEntry(At);

/// <summary>Review work opened about the user (a QA task, a compliance alert), named by <c>task</c>.</summary>
public sealed record TaskEntry(DateTimeOffset At, Guid TaskId, string Task, string Status, string? InteractionId)
    : TimelineEntry(At);

public sealed record Timeline(IReadOnlyList<TimelineEntry> Items);
