using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Chatbot;

/// <summary>The names the chatbot flows and their WhatsApp buttons use (guide §4.1, §3.8).</summary>
public static class ChatbotFlow
{
    public const string Onboarding = "onboarding";

    /// <summary>The [Start Setup] button of <c>onboarding_welcome</c>: the user enters the onboarding flow.</summary>
    public const string StartSetup = "start_setup";

    /// <summary>The "Talk to someone" button of <c>agent_offer</c>: the user is handed to the agents' queue.</summary>
    public const string TalkToSomeone = "talk_to_someone";

    public const string AgentOffer = "agent_offer";

    /// <summary>No live-chat agent took the chat in time: the user picks a time for a call back (policies.md).</summary>
    public const string CallbackScheduling = "callback_scheduling";

    /// <summary>The variables of the chatbot's notifications: the user's name, or "there".</summary>
    public static IReadOnlyDictionary<string, string> Greeting(User user) => new Dictionary<string, string> { ["name"] = user.Name ?? "there" };
}
