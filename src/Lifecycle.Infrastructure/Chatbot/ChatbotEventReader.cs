using Lifecycle.Application.Chatbot;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Infrastructure.Common.Webhooks;
using Lifecycle.Infrastructure.Exotel;
using Mediator;

namespace Lifecycle.Infrastructure.Chatbot;

/// <summary>
/// Reads <c>POST /webhooks/exotel/chatbot</c> (JSON <c>{event, session_id, user_id, timestamp, …}</c>); the event key is
/// <c>session_id + event + timestamp</c>.
/// </summary>
internal sealed class ChatbotEventReader : SingleEventReader
{
    public override WebhookSource Source => ChatbotWebhook.Source;

    public override IBaseCommand ToCommand(WebhookFields fields, WebhookIdentity identity) =>
        new ApplyChatbotEvent(
            fields.Text("event")!, fields.Text("session_id")!, Guid.Parse(fields.Text("user_id")!), fields.Text("summary", "issue_summary"), identity.EventKey);

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
}
