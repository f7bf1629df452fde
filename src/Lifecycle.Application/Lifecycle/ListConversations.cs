using FluentValidation;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle;

/// <summary><c>GET /api/conversations?session_id=</c> or <c>?user_id=</c> (guide §6: the agent desktop's history).</summary>
public sealed record ListConversations(string? SessionId, Guid? UserId) : IQuery<ConversationList>;

public sealed record ConversationList(IReadOnlyList<ConversationView> Items);

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
    Guid? ParentId)
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
        conversation.ParentId);
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
            : await conversations.ListBySessionAsync(query.SessionId!, ct);
        return new ConversationList([.. found.Select(ConversationView.From)]);
    }
}
