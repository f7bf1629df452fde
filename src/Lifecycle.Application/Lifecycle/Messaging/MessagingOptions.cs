using FluentValidation;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle.Messaging;

/// <summary><c>Lifecycle:Messaging</c>: the order of the channel ladder.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Lifecycle:Messaging";

    /// <summary>Rungs in order when neither the request nor the user's preference names a channel.</summary>
    public string[] Ladder { get; set; } = ["sms", "whatsapp"];
}

internal sealed class MessagingOptionsValidator : AbstractValidator<MessagingOptions>
{
    public MessagingOptionsValidator()
    {
        RuleFor(options => options.Ladder).NotEmpty().WithMessage("needs at least one channel");
        RuleForEach(options => options.Ladder)
            .Must(channel => ChannelNames.Wire.TryParse(channel, out var parsed) && parsed is Channel.Sms or Channel.WhatsApp)
            .WithMessage("each rung must be sms or whatsapp (was '{PropertyValue}')");
    }
}
