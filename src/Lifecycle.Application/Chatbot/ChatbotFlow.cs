namespace Lifecycle.Application.Chatbot;

/// <summary>The names the onboarding chatbot flow and its WhatsApp buttons use (guide §4.1).</summary>
public static class ChatbotFlow
{
    public const string Onboarding = "onboarding";

    /// <summary>The [Start Setup] button of <c>onboarding_welcome</c>: the user enters the onboarding flow.</summary>
    public const string StartSetup = "start_setup";

    /// <summary>The "Talk to someone" button of <c>agent_offer</c>: the user is handed to the agents' queue.</summary>
    public const string TalkToSomeone = "talk_to_someone";

    public const string AgentOffer = "agent_offer";
}
