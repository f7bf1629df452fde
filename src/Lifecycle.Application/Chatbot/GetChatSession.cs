using Lifecycle.Application.Common.Errors;
using Mediator;

namespace Lifecycle.Application.Chatbot;

/// <summary>
/// <c>GET /api/sessions/{chatSessionId}</c>: what the support voicebot's tool reads when it picks up a chat handed to
/// voice (guide §6) — who the user is and what the bot learnt. The tool has 3 s; this is one indexed read.
/// </summary>
public sealed record GetChatSession(string ChatSessionId) : IQuery<ChatSessionView>;

public sealed record ChatSessionView(
    string ChatSessionId, Guid UserId, string? Name, string Stage, string? IssueSummary, string? BotIntent, IReadOnlyList<string> PriorSteps, int? ResolutionAttempts);

/// <summary>Reads a chat session with its user in one query, for <see cref="GetChatSession"/>.</summary>
public interface IChatSessionReader
{
    Task<ChatSessionView?> FindAsync(string chatSessionId, CancellationToken ct);
}

internal sealed class GetChatSessionHandler(IChatSessionReader sessions) : IQueryHandler<GetChatSession, ChatSessionView>
{
    public async ValueTask<ChatSessionView> Handle(GetChatSession query, CancellationToken ct) =>
        await sessions.FindAsync(query.ChatSessionId, ct) ?? throw new NotFoundException("Session", query.ChatSessionId);
}
