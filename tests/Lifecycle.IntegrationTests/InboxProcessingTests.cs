using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// How the inbox processor finishes an event: applied and marked done together, a callback for a record we never had
/// given up after a bounded number of attempts, and the processor woken as soon as an event is committed.
/// </summary>
public abstract class InboxProcessingTests(StoreKind kind) : AppPerTest(kind, new Dictionary<string, string?> { ["Lifecycle:Inbox:Lanes"] = "4" })
{
    private const string Route = "/webhooks/exotel/sms";

    private InboxOptions Options => App.Services.GetRequiredService<IOptions<InboxOptions>>().Value;

    [Fact]
    public async Task A_callback_for_a_record_we_never_had_is_retried_a_bounded_number_of_times_then_kept_as_unmatched()
    {
        var sid = $"SM{Guid.NewGuid():N}";
        await PostSentAsync(sid);

        var handled = new List<int>();
        for (var round = 0; round < Options.UnmatchedAfterAttempts + 3; round++)
        {
            handled.Add(await DrainInboxAsync());
            App.Clock.Advance(Options.RetryMaxDelay * 1.2);
        }

        var row = await RowAsync(sid);
        Assert.Equal((WorkStatus.Unmatched, Options.UnmatchedAfterAttempts), (row.Status, row.Attempts));
        Assert.Equal((null, null), (row.LockedBy, row.LockedUntil));
        Assert.NotNull(row.CompletedAt);
        Assert.Contains(sid, row.LastError);
        // Never claimed again once unmatched: it costs no further work.
        Assert.Equal([.. Enumerable.Repeat(1, Options.UnmatchedAfterAttempts), 0, 0, 0], handled);
    }

    [Fact]
    public async Task A_callback_whose_record_appears_a_minute_later_is_still_applied()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        var sid = $"SM{Guid.NewGuid():N}";
        await PostSentAsync(sid);
        var recordAt = App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1);
        OutboundMessage? message = null;

        for (var second = 0; second < 120 && (await RowAsync(sid)).Status == WorkStatus.Pending; second++)
        {
            if (message is null && App.Clock.GetUtcNow() >= recordAt)
            {
                message = await Arrange.SmsAsync(App, user, sid);
            }

            await DrainInboxAsync();
            App.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var row = await RowAsync(sid);
        Assert.Equal(WorkStatus.Done, row.Status);
        Assert.InRange(row.Attempts, 1, Options.UnmatchedAfterAttempts - 1);
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(message!));
    }

    [Fact]
    public async Task An_applied_event_is_done_at_once_and_a_row_left_pending_after_it_was_applied_is_not_applied_twice()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        var sid = $"SM{Guid.NewGuid():N}";
        var message = await Arrange.SmsAsync(App, user, sid);
        await PostSentAsync(sid);

        Assert.Equal(1, await DrainInboxAsync());
        var applied = await RowAsync(sid);
        Assert.Equal((WorkStatus.Done, 0), (applied.Status, applied.Attempts));
        Assert.Equal(MessageStatus.Delivered, await StatusAsync(message));

        // What a crash after the handler's commit would leave if the row were marked done apart from it; the message is
        // put back so that a second application would show.
        await App.QueryAsync(async db =>
        {
            await db.Inbox.Where(row => row.Id == applied.Id).ExecuteUpdateAsync(set => set
                .SetProperty(row => row.Status, WorkStatus.Pending)
                .SetProperty(row => row.CompletedAt, (DateTimeOffset?)null));
            return await db.OutboundMessages.Where(row => row.Id == message.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(row => row.Status, MessageStatus.Submitted));
        });

        Assert.Equal(1, await DrainInboxAsync());
        Assert.Equal(WorkStatus.Done, (await RowAsync(sid)).Status);
        Assert.Equal(MessageStatus.Submitted, await StatusAsync(message));
    }

    [Fact]
    public async Task Events_applied_in_one_transaction_keep_apart_a_failing_one_which_alone_is_retried()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        var (first, second) = ($"SM{Guid.NewGuid():N}", $"SM{Guid.NewGuid():N}");
        var unknown = $"SM{Guid.NewGuid():N}";
        var messages = new[] { await Arrange.SmsAsync(App, user, first), await Arrange.SmsAsync(App, user, second) };
        foreach (var sid in new[] { first, unknown, second })
        {
            await PostSentAsync(sid);
        }

        Assert.Equal(3, await DrainInboxAsync());

        Assert.Equal([WorkStatus.Done, WorkStatus.Pending, WorkStatus.Done], [(await RowAsync(first)).Status, (await RowAsync(unknown)).Status, (await RowAsync(second)).Status]);
        Assert.Equal(1, (await RowAsync(unknown)).Attempts);
        Assert.All(messages, message => Assert.Equal(MessageStatus.Delivered, StatusAsync(message).GetAwaiter().GetResult()));
        Assert.Equal(2, await App.QueryAsync(db => db.ProcessedEvents.CountAsync(row => row.EventKey.StartsWith("inbox:"))));
    }

    [Fact]
    public async Task Events_of_one_record_apply_in_the_order_they_came_while_the_batch_is_applied_in_lanes()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        var sids = Enumerable.Range(0, 12).Select(_ => $"SM{Guid.NewGuid():N}").ToList();
        var messages = new List<OutboundMessage>();
        foreach (var sid in sids)
        {
            messages.Add(await Arrange.SmsAsync(App, user, sid));
            await PostSentAsync(sid);
        }

        // Each record's second report comes later; applied first, it would leave the message failed.
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var sid in sids)
        {
            await PostStatusAsync(sid, "failed");
        }

        Assert.Equal(2 * sids.Count, await DrainInboxAsync());

        Assert.All(messages, message => Assert.Equal(MessageStatus.Delivered, StatusAsync(message).GetAwaiter().GetResult()));
        Assert.Equal(2 * sids.Count, await App.QueryAsync(db => db.Inbox.CountAsync(row => row.Status == WorkStatus.Done)));
    }

    [Fact]
    public async Task Events_that_change_the_user_keep_the_order_they_came_in_among_reports_applied_in_lanes()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        var sids = Enumerable.Range(0, 12).Select(_ => $"SM{Guid.NewGuid():N}").ToList();
        foreach (var sid in sids)
        {
            await Arrange.SmsAsync(App, user, sid);
        }

        // Each inbound SMS has an SmsSid of its own, so only the order they came in says that START is the last word.
        var posts = sids.Select(sid => (Func<Task>)(() => PostSentAsync(sid))).ToList();
        posts.Insert(6, () => PostInboundAsync(user, "STOP"));
        posts.Add(() => PostInboundAsync(user, "START"));
        foreach (var post in posts)
        {
            await post();
            App.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(sids.Count + 2, await DrainInboxAsync());

        Assert.False(await App.QueryAsync(db => db.Users.Where(row => row.Id == user.Id).Select(row => row.OptOutSms).SingleAsync()));
        Assert.Equal(
            [(WorkStatus.Done, 0)],
            (await App.QueryAsync(db => db.Inbox.Select(row => new { row.Status, row.Attempts }).ToListAsync())).Select(row => (row.Status, row.Attempts)).Distinct());
    }

    [Fact]
    public async Task Accepting_a_callback_wakes_the_inbox_processor()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await PostSentAsync($"SM{Guid.NewGuid():N}");

        await App.Services.GetRequiredService<InboxWakeup>().WaitAsync(timeout.Token);
    }

    private Task PostSentAsync(string sid) => PostStatusAsync(sid, "sent");

    private async Task PostStatusAsync(string sid, string status) =>
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Webhook.PostAsync(App, Route, Webhook.Form(("SmsSid", sid), ("Status", status)))).StatusCode);

    private async Task PostInboundAsync(User user, string body) =>
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Webhook.PostAsync(App, Route, Webhook.InboundSms(user.Phone!.Value, body))).StatusCode);

    private Task<int> DrainInboxAsync() => App.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);

    private Task<InboxEventRow> RowAsync(string sid) =>
        App.QueryAsync(db => db.Inbox.AsNoTracking().SingleAsync(row => row.EventKey.StartsWith(sid)));

    private Task<MessageStatus> StatusAsync(OutboundMessage message) =>
        App.QueryAsync(async db => (await db.OutboundMessages.AsNoTracking().SingleAsync(row => row.Id == message.Id)).Status);
}

public sealed class InboxProcessingOnSqlite() : InboxProcessingTests(StoreKind.Sqlite);

public sealed class InboxProcessingOnPostgres() : InboxProcessingTests(StoreKind.Postgres);
