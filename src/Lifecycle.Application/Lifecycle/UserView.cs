using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Lifecycle;

/// <summary>The user as the API shows it (api.md <c>GET /api/users/{id}</c>).</summary>
public sealed record UserView(
    Guid Id,
    string? Phone,
    string? Name,
    string Stage,
    DateTimeOffset StageUpdatedAt,
    DateTimeOffset? LastContactAt,
    string? LastContactChannel,
    string? ChannelPreference,
    bool OptOutSms,
    bool OptOutWhatsapp,
    string? ActiveCampaignId,
    double? CqaLastScore,
    DateTimeOffset CreatedAt)
{
    public static UserView From(User user) => new(
        user.Id.Value,
        user.Phone?.Value,
        user.Name,
        user.Stage.Name(),
        user.StageUpdatedAt,
        user.LastContactAt,
        user.LastContactChannel?.Name(),
        user.ChannelPreference?.Name(),
        user.OptOutSms,
        user.OptOutWhatsapp,
        user.ActiveCampaignId,
        user.CqaLastScore,
        user.CreatedAt);
}
