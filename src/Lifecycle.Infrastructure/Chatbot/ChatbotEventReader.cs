using System.Text.Json;
using System.Text.Json.Nodes;
using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Mediator;

namespace Lifecycle.Infrastructure.Chatbot;

/// <summary>
/// Reads <c>POST /webhooks/exotel/chatbot</c> (<c>{event, session_id, user_id, timestamp, …}</c>, JSON or form). Exotel
/// documents no payload for these webhooks (docs/exotel-wire.md "Chatbot"): the names are the guide's and api.md's, and
/// each is read in every plausible shape — <c>summary</c> or <c>issue_summary</c>; <c>prior_steps</c> as a JSON array,
/// repeated or indexed form fields, or comma-separated text; <c>transcript</c> as an array or a string; <c>resolved</c>
/// as a JSON or text boolean. The event key is <c>session_id + event + timestamp</c>.
/// </summary>
internal sealed class ChatbotEventReader : SingleEventReader
{
    /// <summary>The <c>target</c> of a <c>handoff</c> that means the live-chat agents rather than a voice call.</summary>
    private static readonly HashSet<string> LiveChatTargets = new(StringComparer.OrdinalIgnoreCase) { "live_chat", "livechat", "agent", "live_agent", "human" };

    public override WebhookSource Source => ChatbotWebhook.Source;

    public override IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity) =>
        new ApplyChatbotEvent(
            fields.Text("event")!, fields.Text("session_id")!, Guid.Parse(fields.Text("user_id")!), fields.Text("summary", "issue_summary"), identity.EventKey)
        {
            BotIntent = fields.Text("bot_intent", "intent"),
            PriorSteps = fields.List("prior_steps"),
            ResolutionAttempts = int.TryParse(fields.Text("bot_resolution_attempts", "resolution_attempts"), out var attempts) ? attempts : null,
            AgentId = fields.Text("agent_id", "AgentId"),
            Transcript = TranscriptOf(fields.Root["transcript"]),
            TranscriptUrl = fields.Text("transcript_url"),
            Resolved = bool.TryParse(fields.Text("resolved"), out var resolved) ? resolved : null,
            Channel = string.Equals(fields.Text("channel"), "web", StringComparison.OrdinalIgnoreCase) ? Channel.Chatbot : Channel.WhatsApp,
            ToLiveChat = fields.Text("target", "to", "handoff_to") is { } target && LiveChatTargets.Contains(target),
        };

    protected override WebhookIdentity Identify(WebhookFields fields)
    {
        var problems = new FieldProblems();
        var (name, session, timestamp) = (problems.Require(fields, "event"), problems.Require(fields, "session_id"), problems.Require(fields, "timestamp"));
        if (!Guid.TryParse(fields.Text("user_id"), out _))
        {
            problems.Add("user_id", "user_id must be the id of one of our users.");
        }

        problems.ThrowIfAny();
        return new WebhookIdentity($"{session}|{name}|{ExotelTime.Canonical(timestamp)}", $"chatbot.{name}");
    }

    /// <summary>The transcript as JSON text: turns as they came, or text that is not JSON kept as a JSON string.</summary>
    private static string? TranscriptOf(JsonNode? transcript)
    {
        switch (transcript)
        {
            case null:
                return null;
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                return IsJsonStructure(text) ? text : JsonSerializer.Serialize(text);
            default:
                return transcript.ToJsonString();
        }
    }

    private static bool IsJsonStructure(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '[' && trimmed[0] != '{'))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
