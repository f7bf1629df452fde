using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Lifecycle;

/// <summary>
/// Guide §4.2: an ONBOARDING user inactive for <see cref="ActivationOptions.InactivityDays"/> is enrolled in the
/// activation drip (Day 0 WhatsApp, Day 2 SMS — played by the campaign) and, without a response
/// <see cref="ActivationOptions.VoicebotAfter"/> later, gets the activation voicebot call.
/// </summary>
internal sealed class ActivationNudge(
    IOutbox outbox, ITimers timers, IOptions<ActivationOptions> activation, IOptions<CampaignOptions> campaigns)
{
    public const string CallFollowUp = "activation-call";

    public void Nudge(User user, DateTimeOffset now)
    {
        user.NudgeForActivation(now);
        outbox.Enqueue(new EnrollInCampaign(user.Id.Value, campaigns.Value.ActivationD7, "inactive"));
        timers.Schedule(
            FollowUps.Key(user.Id, CallFollowUp),
            now + activation.Value.VoicebotAfter,
            new RequestCallIfStill(user.Id.Value, CallPurpose.Activation, LifecycleStage.Onboarding));
    }
}
