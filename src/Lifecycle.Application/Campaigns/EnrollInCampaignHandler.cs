using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Campaigns;

/// <summary>
/// Enrols a user in a campaign (guide §3.5 method A), once per phone and campaign while the enrolment is open. Three
/// steps so that nothing is asked twice (ADR 0006): the enrolment is committed as <see cref="EnrolmentStatus.Enrolling"/>;
/// the provider is asked outside any transaction; its answer is committed under the outbox row's key. A re-delivered
/// row finds the enrolment open and asks nothing — an enrolment left <c>Enrolling</c> by a crash is settled as
/// unconfirmed, like an unknown outcome: treated as active (a response unenrols), never requested again.
/// </summary>
internal sealed class EnrollInCampaignHandler(
    IUserRepository users,
    ICampaignEnrolments enrolments,
    ICampaignGateway gateway,
    IUnitOfWork unitOfWork,
    IdempotencyScope idempotency,
    TimeProvider clock) : ICommandHandler<EnrollInCampaign>
{
    public async ValueTask<Unit> Handle(EnrollInCampaign command, CancellationToken ct)
    {
        if (await unitOfWork.ExecuteAsync(token => StartAsync(command, token), eventKey: null, ct) is not { } started)
        {
            return Unit.Value;
        }

        var result = await gateway.EnrollAsync(command.CampaignId, started.Phone, started.Fields, ct);
        return await unitOfWork.ExecuteAsync(token => RecordAsync(started.EnrolmentId, command, result, token), idempotency.EventKey, ct);
    }

    private async ValueTask<Started?> StartAsync(EnrollInCampaign command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await users.FindAsync(new UserId(command.UserId), ct) is not { Phone: { } phone } user)
        {
            return null;
        }

        if (await enrolments.FindOpenAsync(command.CampaignId, phone.Value, ct) is { } open)
        {
            if (open.Status == EnrolmentStatus.Enrolling)
            {
                open.LeaveUnconfirmed("the enrol request was interrupted; not sent again", now);
                user.JoinCampaign(command.CampaignId);
            }

            return null;
        }

        var enrolment = CampaignEnrolment.Start(user.Id, command.CampaignId, phone, command.Reason, now);
        enrolments.Add(enrolment);
        var fields = new Dictionary<string, string>
        {
            ["user_id"] = user.Id.ToString(),
            ["name"] = user.Name ?? string.Empty,
            ["stage"] = user.Stage.Name(),
        };
        return new Started(enrolment.Id, phone.Value, fields);
    }

    private async ValueTask<Unit> RecordAsync(Guid enrolmentId, EnrollInCampaign command, CampaignRequestResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await users.FindAsync(new UserId(command.UserId), ct);
        if (user?.Phone is not { } phone || await enrolments.FindOpenAsync(command.CampaignId, phone.Value, ct) is not { Id: var id } enrolment || id != enrolmentId)
        {
            return Unit.Value;
        }

        switch (result)
        {
            case CampaignRequestResult.Accepted:
                enrolment.Activate(now);
                user.JoinCampaign(command.CampaignId);
                break;
            case CampaignRequestResult.OutcomeUnknown unknown:
                enrolment.LeaveUnconfirmed(unknown.Reason, now);
                user.JoinCampaign(command.CampaignId);
                break;
            case CampaignRequestResult.Refused refused:
                enrolment.Refuse($"{refused.Code}: {refused.Reason}", now);
                break;
        }

        return Unit.Value;
    }

    private sealed record Started(Guid EnrolmentId, string Phone, IReadOnlyDictionary<string, string> Fields);
}
