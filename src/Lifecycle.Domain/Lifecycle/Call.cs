using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>What a call we place is for (api.md <c>POST /api/users/{id}/calls</c> <c>purpose</c>).</summary>
public enum CallPurpose
{
    /// <summary>The activation voicebot flow (guide §4.2).</summary>
    Activation,

    /// <summary>The win-back voicebot flow (guide §4.3).</summary>
    WinBack,

    /// <summary>The support voicebot flow (guide §4.4).</summary>
    Support,

    /// <summary>A dashboard agent connected to the user by click-to-call (Voice v2 CCM).</summary>
    Agent,
}

public static class CallPurposeNames
{
    public static WireNames<CallPurpose> Wire { get; } = new(new Dictionary<CallPurpose, string>
    {
        [CallPurpose.Activation] = "activation",
        [CallPurpose.WinBack] = "win_back",
        [CallPurpose.Support] = "support",
        [CallPurpose.Agent] = "agent",
    });

    public static string Name(this CallPurpose purpose) => Wire.Name(purpose);

    /// <summary>Every purpose but <see cref="CallPurpose.Agent"/> plays a voicebot flow.</summary>
    public static bool IsBot(this CallPurpose purpose) => purpose != CallPurpose.Agent;
}

/// <summary>
/// A call we place to a user: a voicebot flow or an agent's click-to-call. Created when it is asked for (the answer's
/// <c>callId</c>), placed by the outbox, and known by its CallSid from then on; its long context is stored here and
/// fetched by the voicebot's tool (<c>GET /api/calls/{callSid}</c>) because <c>CustomField</c> holds 128 characters.
/// </summary>
public sealed class Call : AggregateRoot
{
    private Call()
    {
        CustomField = string.Empty;
    }

    public Guid Id { get; private set; }

    public UserId UserId { get; private set; }

    public CallPurpose Purpose { get; private set; }

    /// <summary>1 for a first call, 2 for its first retry…: the retry ladders count with it.</summary>
    public int Attempt { get; private set; }

    /// <summary>The short correlation handed to Exotel and back: <c>user_id:{userId}|call:{callId}</c>.</summary>
    public string CustomField { get; private set; }

    /// <summary>Longer context for the voicebot's tool (JSON text), e.g. a chat's summary or the prior steps.</summary>
    public string? Context { get; private set; }

    /// <summary>The chat session this call continues, when it is a handoff from the chatbot.</summary>
    public string? ChatSessionId { get; private set; }

    /// <summary>The Exotel user id of the agent: the dashboard agent of a click-to-call, or the one a bot call was connected to.</summary>
    public string? AgentId { get; private set; }

    public string? TicketId { get; private set; }

    /// <summary>Exotel's sid, once the call has been placed.</summary>
    public string? CallSid { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public CallStatus Status { get; private set; }

    /// <summary>The conversation this call is a leg of (channel Voice or Voicebot); its session is the CallSid.</summary>
    public Guid ConversationId { get; private set; }

    /// <summary>When the request to Exotel was about to be written (the call may ring from then on).</summary>
    public DateTimeOffset? PlacingAt { get; private set; }

    public DateTimeOffset? PlacedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Seconds the user was on the call, as the terminal status gives them.</summary>
    public int? DurationSeconds { get; private set; }

    public string? RecordingUrl { get; private set; }

    /// <summary>Why Exotel refused the call, or why its outcome is unknown.</summary>
    public string? Failure { get; private set; }

    /// <summary>The voicebot's session id, when a bot flow reported its end.</summary>
    public string? BotSessionId { get; private set; }

    /// <summary>What the voicebot's session ended with, as the flow named it (unknown names are kept as they came).</summary>
    public string? BotOutcome { get; private set; }

    /// <summary>The call has ended one way or another (or will never be known to have): nothing more will be placed for it.</summary>
    public bool IsOver => Status.IsFinal();

    public static string CustomFieldOf(UserId userId, Guid callId) => $"user_id:{userId}|call:{callId:N}";

    /// <summary>The call id of a custom field we made, or null when it is not one.</summary>
    public static Guid? CallIdOf(string? customField)
    {
        const string marker = "|call:";
        var at = customField?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        return at >= 0 && Guid.TryParseExact(customField.AsSpan(at + marker.Length), "N", out var id) ? id : null;
    }

    public static Call Request(
        UserId userId, CallPurpose purpose, int attempt, DateTimeOffset now,
        string? context = null, string? chatSessionId = null, string? agentId = null, string? ticketId = null, Guid? conversationId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (purpose == CallPurpose.Agent && string.IsNullOrWhiteSpace(agentId))
        {
            throw new ArgumentException("An agent call needs the agent's id.", nameof(agentId));
        }

        var id = Guid.CreateVersion7(now);
        return new Call
        {
            Id = id,
            UserId = userId,
            Purpose = purpose,
            Attempt = attempt,
            CustomField = CustomFieldOf(userId, id),
            Context = context,
            ChatSessionId = chatSessionId,
            AgentId = agentId,
            TicketId = ticketId,
            RequestedAt = now,
            Status = CallStatus.Requested,
            ConversationId = conversationId ?? Guid.Empty,
        };
    }

    /// <summary>
    /// The request to Exotel is about to be written. Committed before the request, so that a crash before the answer
    /// is recorded leaves a call that is known to be in doubt rather than one that looks never placed (ADR 0006).
    /// </summary>
    /// <returns>False when this call was already being placed, has been placed or is over: it must not be placed (again).</returns>
    public bool StartPlacing(DateTimeOffset now)
    {
        if (Status != CallStatus.Requested)
        {
            return false;
        }

        Status = CallStatus.Placing;
        PlacingAt = now;
        return true;
    }

    /// <summary>Asking Exotel failed in a way that proves the request was not taken (429, 5xx): it may be placed again.</summary>
    public void ReleasePlacing()
    {
        EnsurePlacing();
        Status = CallStatus.Requested;
        PlacingAt = null;
    }

    /// <summary>Exotel took the call and named it.</summary>
    public void RecordPlaced(string callSid, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callSid);
        EnsurePlacing();
        CallSid = callSid;
        Status = CallStatus.Placed;
        PlacedAt = now;
    }

    /// <summary>A call asked for and not yet placed is not wanted any more (its user was offboarded): it will never ring.</summary>
    /// <returns>False when it is being placed or was placed already: only its end can be waited for.</returns>
    public bool Withdraw(string reason, DateTimeOffset now)
    {
        if (Status != CallStatus.Requested)
        {
            return false;
        }

        Status = CallStatus.Canceled;
        Failure = reason;
        EndedAt = now;
        return true;
    }

    /// <summary>Erases the context stored for the voicebot's tool, which may name the user (a chat's summary, its steps).</summary>
    public void ErasePersonalData() => Context = null;

    /// <summary>Exotel refused the call for good: it never rang.</summary>
    public void RecordRefused(string reason, DateTimeOffset now)
    {
        EnsurePlacing();
        Status = CallStatus.Refused;
        Failure = reason;
        EndedAt = now;
    }

    /// <summary>The request may or may not have reached Exotel: the call may be ringing, so it is never placed again.</summary>
    public void RecordOutcomeUnknown(string reason)
    {
        if (Status is CallStatus.Requested or CallStatus.Placing)
        {
            Status = CallStatus.Unknown;
            Failure = reason;
        }
    }

    /// <summary>
    /// The call's terminal status. The first one counts: a later or repeated one changes nothing. A call whose outcome
    /// was unknown learns its sid here. A completed call with a recording raises <see cref="CallRecorded"/>.
    /// </summary>
    /// <returns>True when this ended the call.</returns>
    public bool End(string callSid, CallStatus status, int? durationSeconds, string? recordingUrl, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callSid);
        if (!status.IsEnd())
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A call ends completed, unanswered, busy, failed or cancelled.");
        }

        if (Status is not (CallStatus.Placed or CallStatus.Unknown))
        {
            return false;
        }

        if (CallSid is not null && CallSid != callSid)
        {
            throw new CallSidMismatch(Id, CallSid, callSid);
        }

        CallSid = callSid;
        Status = status;
        DurationSeconds = durationSeconds is >= 0 ? durationSeconds : null;
        RecordingUrl = recordingUrl;
        EndedAt = now;
        if (status == CallStatus.Completed && !string.IsNullOrWhiteSpace(recordingUrl))
        {
            Raise(new CallRecorded(Id, UserId, callSid, ConversationId, Purpose, recordingUrl, DurationSeconds, now));
        }

        return true;
    }

    /// <summary>SmartConnect connected the call to an agent (a bot's escalation); the first agent named is kept.</summary>
    public void RecordAgent(string agentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        AgentId ??= agentId;
    }

    /// <summary>The voicebot reported how its session ended; the first report counts.</summary>
    public void RecordBotSession(string? sessionId, string? outcome)
    {
        BotSessionId ??= sessionId;
        BotOutcome ??= outcome;
    }

    /// <summary>The call completed and lasted longer than <paramref name="minimum"/>: it counts as a contact.</summary>
    public bool WasEngaged(TimeSpan minimum) =>
        Status == CallStatus.Completed && DurationSeconds is { } seconds && seconds > minimum.TotalSeconds;

    /// <summary>The user did not pick up (no answer, busy): what the retry ladders count.</summary>
    public bool WentUnanswered => Status is CallStatus.NoAnswer or CallStatus.Busy;

    private void EnsurePlacing()
    {
        if (Status != CallStatus.Placing)
        {
            throw new InvalidOperationException($"Call {Id} is {Status}, not being placed.");
        }
    }
}

/// <summary>A terminal status named a different call than the one we recorded for this custom field.</summary>
public sealed class CallSidMismatch(Guid callId, string recorded, string reported)
    : DomainException($"Call {callId} is {recorded}; a status of {reported} cannot end it.");
