using System.Text.Json.Serialization;

namespace Lifecycle.Application.Lifecycle;

/// <summary>One entry of a user's timeline; <c>kind</c> tells which (api.md).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TransitionEntry), "transition")]
[JsonDerivedType(typeof(MessageEntry), "message")]
public abstract record TimelineEntry(DateTimeOffset At);

public sealed record TransitionEntry(DateTimeOffset At, string? From, string To, string Trigger, string? CorrelationId)
    : TimelineEntry(At);

public sealed record MessageEntry(DateTimeOffset At, string Channel, string Notification, string Status, string? ProviderId)
    : TimelineEntry(At);

public sealed record Timeline(IReadOnlyList<TimelineEntry> Items);
