using System.Text.Json;
using FluentValidation;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// <c>GET /api/conversations?session_id=</c> or <c>?user_id=</c> (guide §6: the agent desktop's history). By session it is
/// the whole chain — the chat, the voicebot call it handed to, the agent that call reached — oldest first.
/// </summary>
public sealed record ListConversations(string? SessionId, Guid? UserId) : IQuery<ConversationList>;

public sealed record ConversationList(IReadOnlyList<ConversationView> Items);

/// <summary>
/// One conversation as the agent desktop shows it (guide §6); <see cref="Transcript"/> is the provider's JSON as stored,
/// and the bot's context is flattened into its four fields.
/// </summary>
public sealed record ConversationView(
    Guid Id,
    Guid UserId,
    string Channel,
    string Flow,
    string? SessionId,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Outcome,
    string? Queue,
    double? CqaScore,
    Guid? ParentId,
    string? AgentId,
    Guid? TicketId,
    JsonElement? Transcript,
    string? TranscriptUrl,
    string? IssueSummary,
    string? BotIntent,
    IReadOnlyList<string>? PriorSteps,
    int? ResolutionAttempts)
{
    public static ConversationView From(Conversation conversation) => new(
        conversation.Id,
        conversation.UserId.Value,
        conversation.Channel.Name(),
        conversation.Flow,
        conversation.SessionId,
        conversation.StartedAt,
        conversation.EndedAt,
        conversation.Outcome,
        conversation.Queue,
        conversation.CqaScore,
        conversation.ParentId,
        conversation.AgentId,
        conversation.TicketId,
        StoredJson.Parse(conversation.Transcript),
        conversation.TranscriptUrl,
        conversation.Context?.IssueSummary,
        conversation.Context?.BotIntent,
        conversation.Context?.PriorSteps,
        conversation.Context?.ResolutionAttempts);
}

internal sealed class ListConversationsValidator : AbstractValidator<ListConversations>
{
    public ListConversationsValidator() =>
        RuleFor(query => query.SessionId)
            .Must((query, sessionId) => string.IsNullOrWhiteSpace(sessionId) != (query.UserId is null))
            .WithMessage("Give exactly one of session_id and user_id.")
            .OverridePropertyName("session_id");
}

internal sealed class ListConversationsHandler(IConversationRepository conversations) : IQueryHandler<ListConversations, ConversationList>
{
    public async ValueTask<ConversationList> Handle(ListConversations query, CancellationToken ct)
    {
        var found = query.UserId is { } userId
            ? await conversations.ListAsync(new UserId(userId), ct)
            : await conversations.ListChainAsync(query.SessionId!, ct);
        return new ConversationList([.. found.Select(ConversationView.From)]);
    }
}
