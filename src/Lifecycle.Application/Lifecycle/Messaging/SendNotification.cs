using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Domain.Lifecycle;
using Mediator;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle.Messaging;

/// <summary><c>POST /api/users/{id}/messages</c>: a named notification through the channel ladder.</summary>
public sealed record SendNotification(Guid UserId, string? Notification, IReadOnlyDictionary<string, string>? Variables, string? Channel)
    : ICommand<NotificationSent>, ICorrelated
{
    public string CorrelationId => UserId.ToString();
}

/// <summary><paramref name="Channel"/> is the channel of the first send, <c>none</c> when no rung could carry it.</summary>
public sealed record NotificationSent(Guid MessageId, string Channel);

internal sealed class SendNotificationValidator : AbstractValidator<SendNotification>
{
    private static readonly string[] Channels = ["auto", "sms", "whatsapp"];

    public SendNotificationValidator(IOptions<NotificationCatalog> catalog)
    {
        RuleFor(command => command.Notification)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(name => catalog.Value.ContainsKey(name!))
            .WithMessage(command => $"notification must be one of {string.Join(", ", catalog.Value.Keys.Order())} (was '{command.Notification}').");
        RuleFor(command => command.Channel)
            .Must(channel => channel is null || Channels.Contains(channel, StringComparer.OrdinalIgnoreCase))
            .WithMessage("channel must be auto, sms or whatsapp.");
        RuleFor(command => command)
            .Custom((command, context) =>
            {
                if (command.Notification is null || !catalog.Value.TryGetValue(command.Notification, out var definition) || definition.Sms is null)
                {
                    return;
                }

                foreach (var missing in TemplateText.VariablesOf(definition.Sms.Template).Where(name => command.Variables?.ContainsKey(name) != true))
                {
                    context.AddFailure($"Variables.{missing}", $"the {command.Notification} template needs the variable '{missing}'.");
                }
            });
    }
}

internal sealed class SendNotificationHandler(IUserRepository users, MessageLadder ladder) : ICommandHandler<SendNotification, NotificationSent>
{
    public async ValueTask<NotificationSent> Handle(SendNotification command, CancellationToken ct)
    {
        var user = await users.FindAsync(new UserId(command.UserId), ct) ?? throw new NotFoundException("User", command.UserId);
        if (user.Stage == LifecycleStage.Offboarded)
        {
            throw new UserOffboarded();
        }

        Channel? first = command.Channel is null || string.Equals(command.Channel, "auto", StringComparison.OrdinalIgnoreCase)
            ? null
            : ChannelNames.Wire.Parse(command.Channel);

        // The validator has checked the notification against the catalog.
        var message = (await ladder.SendAsync(user, command.Notification!, command.Variables ?? new Dictionary<string, string>(), first, ct))!;
        return new NotificationSent(message.Id, message.Escalated ? "none" : message.Channel.Name());
    }
}

public sealed class UserOffboarded() : Domain.Common.DomainException("The user has been offboarded; nothing is sent to them.");
