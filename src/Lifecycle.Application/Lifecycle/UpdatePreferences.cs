using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Lifecycle;

public sealed record UpdatePreferences(Guid UserId, bool? OptOutSms, bool? OptOutWhatsapp, string? ChannelPreference)
    : ICommand<UserView>, ICorrelated
{
    public string CorrelationId => UserId.ToString();
}

internal sealed class UpdatePreferencesValidator : AbstractValidator<UpdatePreferences>
{
    private static readonly string[] Preferable = [Channel.Sms.Name(), Channel.WhatsApp.Name(), Channel.Voice.Name()];

    public UpdatePreferencesValidator() =>
        RuleFor(command => command.ChannelPreference)
            .Must(channel => channel is null || Preferable.Contains(channel, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"channelPreference must be one of {string.Join(", ", Preferable)}.");
}

internal sealed class UpdatePreferencesHandler(IUserRepository users) : ICommandHandler<UpdatePreferences, UserView>
{
    public async ValueTask<UserView> Handle(UpdatePreferences command, CancellationToken ct)
    {
        var user = await users.FindAsync(new UserId(command.UserId), ct) ?? throw new NotFoundException("User", command.UserId);
        if (user.Stage == LifecycleStage.Offboarded)
        {
            throw new Messaging.UserOffboarded();
        }

        user.UpdatePreferences(
            command.OptOutSms,
            command.OptOutWhatsapp,
            command.ChannelPreference is null ? null : ChannelNames.Wire.Parse(command.ChannelPreference));
        return UserView.From(user);
    }
}
