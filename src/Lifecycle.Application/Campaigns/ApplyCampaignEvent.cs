using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Campaigns;

/// <summary>
/// A per-contact campaign event (guide §3.5), in our words. Every event is recorded; <c>responded</c> counts as the
/// user's response (follow-ups cancelled, the user unenrolled: <see cref="UserResponded"/>); <c>completed</c> ends the
/// enrolment.
/// </summary>
/// <param name="Name">The event's own word, kept as sent.</param>
/// <param name="At">When it happened, if the event says.</param>
public sealed record ApplyCampaignEvent(
    string EventKey, CampaignEventKind Kind, string Name, string? CampaignId, string? Phone, Guid? UserId, string? Channel, DateTimeOffset? At)
    : ICommand, IIdempotentCommand, ICorrelated
{
    public string CorrelationId => CampaignId ?? EventKey;
}

internal sealed class ApplyCampaignEventHandler(
    IUserRepository users, ICampaignEnrolments enrolments, ICurrentWebhookEvent current, TimeProvider clock)
    : ICommandHandler<ApplyCampaignEvent>
{
    public async ValueTask<Unit> Handle(ApplyCampaignEvent command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await FindUserAsync(command, ct);
        if (user is null or { IsErased: true })
        {
            // About a number that is no user's, or an offboarded one's: recorded without it, and its callback not kept.
            enrolments.Add(CampaignEvent.Record(command.EventKey, command.Kind, command.Name, command.CampaignId, null, user?.Id, null, command.Channel, command.At ?? now));
            await current.ForgetAsync(ct);
            return Unit.Value;
        }

        var phone = command.Phone ?? user.Phone?.Value;
        var enrolment = command.CampaignId is { } campaign && phone is not null ? await enrolments.FindOpenAsync(campaign, phone, ct) : null;
        enrolments.Add(CampaignEvent.Record(
            command.EventKey, command.Kind, command.Name, command.CampaignId, phone, user.Id, enrolment?.Id, command.Channel, command.At ?? now));
        enrolment?.RecordEvent(command.Name, now);

        switch (command.Kind)
        {
            case CampaignEventKind.Responded:
                user.RespondToCampaign(command.CampaignId ?? "unknown", now);
                break;
            case CampaignEventKind.Completed when enrolment is not null:
                enrolment.Complete(now);
                user.LeaveCampaign(enrolment.CampaignId);
                break;
        }

        return Unit.Value;
    }

    /// <summary>By our user id when the event carries one, else by the number.</summary>
    private async Task<User?> FindUserAsync(ApplyCampaignEvent command, CancellationToken ct)
    {
        if (command.UserId is { } id && await users.FindAsync(new UserId(id), ct) is { } user)
        {
            return user;
        }

        return E164Phone.IsValid(command.Phone) ? await users.FindByPhoneAsync(E164Phone.Parse(command.Phone!), ct) : null;
    }
}
