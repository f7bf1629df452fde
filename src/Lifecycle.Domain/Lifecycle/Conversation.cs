using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>
/// One conversation with a user on one channel (guide §6 <c>conversations</c>): a chatbot session, a bot or agent
/// call. Its steps (started, stalled, handed to a queue, completed…) appear on the user's timeline.
/// </summary>
public sealed class Conversation : AggregateRoot
{
    private readonly List<ConversationStep> steps = [];

    private Conversation()
    {
        Flow = string.Empty;
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public Channel Channel { get; private set; }

    /// <summary>What the conversation is for (<c>onboarding</c>, <c>support</c>…).</summary>
    public string Flow { get; private set; }

    /// <summary>The chatbot session id or the CallSid, once the provider has named it.</summary>
    public string? SessionId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary><c>resolved</c>, <c>escalated</c>, <c>unanswered</c>, <c>transferred</c>.</summary>
    public string? Outcome { get; private set; }

    /// <summary>The SmartConnect queue the conversation was handed to.</summary>
    public string? Queue { get; private set; }

    public double? CqaScore { get; private set; }

    /// <summary>The conversation this one continues (a voice leg of a chat).</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>How many steps the conversation has had; numbers them.</summary>
    public int StepCount { get; private set; }

    public IReadOnlyCollection<ConversationStep> Steps => steps;

    public static Conversation Start(UserId userId, Channel channel, string flow, string? sessionId, DateTimeOffset now, Guid? parentId = null)
    {
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Channel = channel,
            Flow = flow,
            SessionId = sessionId,
            StartedAt = now,
            ParentId = parentId,
        };
        conversation.Record("started", flow, now);
        return conversation;
    }

    public bool IsOpen => EndedAt is null;

    public void AttachSession(string sessionId) => SessionId ??= sessionId;

    public void Record(string step, string? detail, DateTimeOffset now) =>
        steps.Add(new ConversationStep(Id, UserId, ++StepCount, step, detail, now));

    public void HandTo(string queue, DateTimeOffset now)
    {
        Queue = queue;
        Outcome = "transferred";
        Record("handed_to_queue", queue, now);
    }

    public void End(string outcome, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return;
        }

        Outcome = outcome;
        EndedAt = now;
        Record("ended", outcome, now);
    }
}

/// <summary>One thing that happened in a conversation, as the timeline shows it.</summary>
public sealed class ConversationStep
{
    private ConversationStep()
    {
        Step = string.Empty;
    }

    internal ConversationStep(Guid conversationId, UserId userId, int sequence, string step, string? detail, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ConversationId = conversationId;
        Sequence = sequence;
        UserId = userId;
        Step = step;
        Detail = detail;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ConversationId { get; private set; }

    public int Sequence { get; private set; }

    public UserId UserId { get; private set; }

    public string Step { get; private set; }

    public string? Detail { get; private set; }

    public DateTimeOffset At { get; private set; }
}
