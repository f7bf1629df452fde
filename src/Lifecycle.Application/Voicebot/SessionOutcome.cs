namespace Lifecycle.Application.Voicebot;

/// <summary>How a voicebot session ended, in our words (the flow reports it; guide §3.6).</summary>
public enum SessionOutcome
{
    /// <summary>The user completed the activation step (<c>activated</c>) or the bot solved the issue (<c>resolved</c>).</summary>
    Resolved,

    OfferAccepted,

    Declined,

    /// <summary>The user asked for, or the bot handed over to, a human agent.</summary>
    Escalated,

    /// <summary>Nobody answered (the flow's own word, or the call ended no-answer / busy).</summary>
    Unanswered,

    /// <summary>An outcome the flow named that we have no rule for: recorded, nothing else.</summary>
    Other,
}
