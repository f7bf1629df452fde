using System.Collections.Concurrent;
using Lifecycle.Application.Chatbot;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Chatbot;

/// <summary>
/// One query: the chat conversation by its session id (indexed) joined to its user by primary key, untracked, projected
/// to the few columns the voicebot's tool needs.
/// </summary>
internal sealed class ChatSessionReader(LifecycleDbContext db) : IChatSessionReader
{
    // Compiled once per store: the voicebot's tool calls this on every handed-off call, and the LINQ translation is most
    // of its cost. A compiled query keeps the SQL of the first store it ran on, hence one per context type.
    private static readonly ConcurrentDictionary<Type, Func<LifecycleDbContext, string, CancellationToken, Task<SessionRow?>>> Queries = new();

    private static Func<LifecycleDbContext, string, CancellationToken, Task<SessionRow?>> Compile(Type _) => EF.CompileAsyncQuery(
        (LifecycleDbContext db, string chatSessionId, CancellationToken ct) => db.Set<Conversation>().AsNoTracking()
            .Where(conversation => conversation.SessionId == chatSessionId
                && (conversation.Channel == Channel.WhatsApp || conversation.Channel == Channel.Chatbot))
            .Join(db.Users.AsNoTracking(), conversation => conversation.UserId, user => user.Id,
                (conversation, user) => new SessionRow(conversation.Context, user.Id, user.Name, user.Stage))
            .FirstOrDefault());

    public async Task<ChatSessionView?> FindAsync(string chatSessionId, CancellationToken ct)
    {
        var found = await Queries.GetOrAdd(db.GetType(), Compile)(db, chatSessionId, ct);
        return found is null
            ? null
            : new ChatSessionView(
                chatSessionId, found.Id.Value, found.Name, found.Stage.Name(), found.Context?.IssueSummary, found.Context?.BotIntent,
                found.Context?.PriorSteps ?? [], found.Context?.ResolutionAttempts);
    }
}

internal sealed record SessionRow(ChatContext? Context, UserId Id, string? Name, LifecycleStage Stage);
