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

    /// <summary>The agent who took the conversation (a live-chat agent, or the agent a call was connected to).</summary>
    public string? AgentId { get; private set; }

    /// <summary>What the bot learnt before it handed the user on (guide §3.8, §6): what a voicebot's tool reads.</summary>
    public ChatContext? Context { get; private set; }

    /// <summary>The turn-by-turn transcript as the provider gave it (JSON text), stored once the conversation is over.</summary>
    public string? Transcript { get; private set; }

    /// <summary>Where the provider keeps the transcript, when it gives a link rather than the turns.</summary>
    public string? TranscriptUrl { get; private set; }

    /// <summary>The ticket this conversation is about, when one was opened for it.</summary>
    public Guid? TicketId { get; private set; }

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

    /// <summary>The bot's context at a handoff; a later handoff of the same session brings newer context.</summary>
    public void RecordContext(ChatContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Record("context", context.BotIntent, now);
    }

    /// <summary>An agent took the conversation; the first agent named is kept.</summary>
    public void AssignAgent(string agentId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        if (AgentId is not null)
        {
            return;
        }

        AgentId = agentId;
        Record("agent_assigned", agentId, now);
    }

    public void RecordTranscript(string? transcript, string? transcriptUrl)
    {
        Transcript = string.IsNullOrWhiteSpace(transcript) ? Transcript : transcript;
        TranscriptUrl = string.IsNullOrWhiteSpace(transcriptUrl) ? TranscriptUrl : transcriptUrl;
    }

    public void LinkTicket(Guid ticketId) => TicketId ??= ticketId;

    /// <summary>The quality score of the conversation's analysis (guide §6 <c>cqa_score</c>); a newer analysis replaces it.</summary>
    public void RecordScore(double score, DateTimeOffset now)
    {
        CqaScore = score;
        Record("cqa_scored", score.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), now);
    }

    /// <summary>
    /// Ends the conversation; the first end counts. Raises <see cref="ConversationEnded"/> so that a module that reviews
    /// finished conversations (quality analytics of a live chat) learns of it.
    /// </summary>
    public void End(string outcome, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return;
        }

        Outcome = outcome;
        EndedAt = now;
        Record("ended", outcome, now);
        Raise(new ConversationEnded(Id, UserId, Channel, Flow, SessionId, AgentId, StartedAt, now, outcome));
    }

    /// <summary>Erases what the user said or was said about them: the bot's summary and steps and the transcript.</summary>
    public void ErasePersonalData()
    {
        Context = null;
        Transcript = null;
        TranscriptUrl = null;
    }
}

/// <summary>
/// What a chatbot hands on with a session (guide §3.8, §6; api.md <c>GET /api/sessions/{id}</c>): the issue as the bot
/// summed it up, the intent it classified, the steps already taken and how often it tried to resolve it.
/// </summary>
public sealed record ChatContext(string? IssueSummary, string? BotIntent, IReadOnlyList<string> PriorSteps, int? ResolutionAttempts);

/// <summary>A conversation ended (<see cref="Conversation.End"/>).</summary>
public sealed record ConversationEnded(
    Guid ConversationId, UserId UserId, Channel Channel, string Flow, string? SessionId, string? AgentId,
    DateTimeOffset StartedAt, DateTimeOffset EndedAt, string Outcome) : IDomainEvent;

/// <summary>One thing that happened in a conversation, as the timeline shows it.</summary>
public sealed class ConversationStep
{
    private ConversationStep()
    {
        Step = string.Empty;
    }

    /// <summary>A step's detail is a note for the timeline (a queue, an agent, the start of a bot's summary), never the whole text.</summary>
    public const int MaxDetailLength = 256;

    internal ConversationStep(Guid conversationId, UserId userId, int sequence, string step, string? detail, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ConversationId = conversationId;
        Sequence = sequence;
        UserId = userId;
        Step = step;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
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
