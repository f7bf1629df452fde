using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Sms;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.Tests.Shared;

namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>Puts data in place through the domain model, for the parts a test does not drive through HTTP.</summary>
public static class Arrange
{

    public static string NewPhone() => $"+9198{Random.Shared.NextInt64(10_000_000, 99_999_999)}";

    public static async Task<User> UserInStageAsync(LifecycleApp app, LifecycleStage stage)
    {
        var now = app.Clock.GetUtcNow();
        var user = User.Register(UserId.New(), E164Phone.Parse(NewPhone()), "Priya", "arrange", now).WalkTo(stage, now);

        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LifecycleDbContext>();
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return user;
    }

    public static async Task<OutboundMessage> SmsAsync(LifecycleApp app, User user, string? providerId = null)
    {
        var message = OutboundMessage.Queue(user.Id, Channel.Sms, "order_confirmed", "Your order is confirmed.", app.Clock.GetUtcNow());
        if (providerId is not null)
        {
            message.MarkSubmitted(providerId, app.Clock.GetUtcNow());
        }

        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LifecycleDbContext>();
            db.OutboundMessages.Add(message);
            await db.SaveChangesAsync();
        });
        return message;
    }

    /// <summary>Queued SMS, each to a new user, with their <see cref="SendSms"/> outbox rows, in one transaction.</summary>
    public static async Task<IReadOnlyList<OutboundMessage>> QueuedSmsAsync(
        LifecycleApp app, int count = 1, DateTimeOffset? notBefore = null, string template = "1107000000000000042")
    {
        var now = app.Clock.GetUtcNow();
        var messages = new List<OutboundMessage>();
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LifecycleDbContext>();
            var outbox = services.GetRequiredService<IOutbox>();
            for (var i = 0; i < count; i++)
            {
                var user = User.Register(UserId.New(), E164Phone.Parse(NewPhone()), "Priya", "arrange", now);
                user.TransitionTo(LifecycleStage.Onboarding, "arrange", "arrange", now);
                var message = OutboundMessage.Queue(user.Id, Channel.Sms, "order_confirmed", "Your order is confirmed.", now);
                db.Users.Add(user);
                db.OutboundMessages.Add(message);
                outbox.Enqueue(new SendSms(message.Id, template, SmsType.Transactional), notBefore);
                messages.Add(message);
            }

            await db.SaveChangesAsync();
        });
        return messages;
    }
}
