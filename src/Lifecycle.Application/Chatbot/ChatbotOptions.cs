using FluentValidation;

namespace Lifecycle.Application.Chatbot;

/// <summary><c>Lifecycle:Chatbot</c> (policies.md "Chatbot stalled", "No live-chat agent within SLA").</summary>
public sealed class ChatbotOptions
{
    public const string Section = "Lifecycle:Chatbot";

    /// <summary>
    /// How long an onboarding chat may sit still before the bot reports <c>session_stalled</c>. Exotel's flow measures it;
    /// it is configured here so that the flow's timeout and our documentation name one value.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A chat handed to the live-chat queue that no agent takes within this gets a callback offer and a ticket.</summary>
    public TimeSpan AgentSla { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class ChatbotOptionsValidator : AbstractValidator<ChatbotOptions>
{
    public ChatbotOptionsValidator()
    {
        RuleFor(options => options.StallAfter).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
        RuleFor(options => options.AgentSla).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive TimeSpan (was {PropertyValue})");
    }
}
