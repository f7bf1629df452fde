using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// "Never send twice" (ADR 0006): a POST Exotel may have acted on is never repeated — not by the HTTP pipeline, not by
/// the outbox. Only a clear refusal (no connection, 429, 503) is tried again.
/// </summary>
public abstract class NeverSendTwiceTests(StoreKind kind) : AppPerTest(kind, QuickAttempts)
{
    /// <summary>
    /// Short, because the attempt timeout runs on the wall clock (the stand-in holds the answer, no test sleeps) — yet long
    /// enough that a request on a busy machine reaches the stand-in before it runs out.
    /// </summary>
    private static readonly Dictionary<string, string?> QuickAttempts = new()
    {
        ["Exotel:Resilience:AttemptTimeout"] = "00:00:02",
        ["Exotel:Resilience:MaxRetries"] = "3",
    };

    [Fact]
    public async Task A_bulk_send_whose_accepted_reply_cannot_be_read_is_not_sent_again_and_its_messages_go_to_the_next_rung()
    {
        // A 200 cut off mid-body: Exotel took the batch, we cannot tell which sids it gave.
        Exotel.Reply = request => request.Path.Contains("/Sms/bulksend", StringComparison.Ordinal)
            ? new CannedReply(HttpStatusCode.OK, """[{"SMSMessage":{"Sid":"SM1","Status":"queued"}},{"SMSMes""")
            : null;
        var users = new[] { await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding), await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding) };
        foreach (var user in users)
        {
            await SendAsync(user, "activation_nudge");
        }

        await DrainAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await DrainAsync();
        var beforeTimeout = await MessagesAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await DrainAsync();
        await DrainAsync();

        Assert.Single(Exotel.Requests, request => request.Path.Contains("/Sms/", StringComparison.Ordinal));
        Assert.All(beforeTimeout, message => Assert.Equal(MessageStatus.Sending, message.Status));
        Assert.Equal(0, await App.QueryAsync(db => db.Outbox.CountAsync(row => row.Status != WorkStatus.Done)));
        var after = await MessagesAsync();
        foreach (var user in users)
        {
            var mine = after.Where(message => message.UserId == user.Id).OrderBy(message => message.CreatedAt).ToList();
            Assert.Equal([Channel.Sms, Channel.WhatsApp], mine.Select(message => message.Channel));
            Assert.Equal(MessageStatus.Failed, mine[0].Status);
        }
    }

    [Fact]
    public async Task An_sms_send_that_times_out_after_it_was_written_goes_to_exotel_exactly_once()
    {
        Exotel.Holds = request => request.Path.EndsWith("/Sms/send", StringComparison.Ordinal);
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        await SendAsync(user, "activation_nudge");

        await DrainAsync();
        var unanswered = Assert.Single(await MessagesAsync());
        App.Clock.Advance(TimeSpan.FromHours(1));
        await DrainAsync();

        Assert.Single(Exotel.Requests, request => request.Path.Contains("/Sms/", StringComparison.Ordinal));
        Assert.Equal(MessageStatus.Sending, unanswered.Status);
        Assert.Contains("outcome unknown", unanswered.StatusDetail);
        Assert.Equal(0, await App.QueryAsync(db => db.Outbox.CountAsync(row => row.Status == WorkStatus.Pending && row.Type == "SendSms")));
        Assert.Equal([Channel.Sms, Channel.WhatsApp], (await MessagesAsync()).Select(message => message.Channel));
    }

    [Fact]
    public async Task A_voice_otp_call_that_times_out_after_it_was_written_is_placed_exactly_once()
    {
        Exotel.Reply = request => request.Path.Contains("/verifications/sms", StringComparison.Ordinal)
            ? new CannedReply(HttpStatusCode.OK, """{"response":{"code":200,"status":"success","data":{"sid":"VE1","status":"pending"}}}""")
            : null;
        Exotel.Holds = request => request.Path.EndsWith("/Calls/connect", StringComparison.Ordinal);
        var signup = await App.Api().PostAsJsonAsync("/api/signups", new { phone = Arrange.NewPhone() });
        var verificationId = (await signup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verificationId").GetString();
        await DrainAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(31));

        var resend = await App.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/resend", new { channel = "voice" });
        await DrainAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await DrainAsync();

        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        Assert.Single(Exotel.Requests, request => request.Path.EndsWith("/Calls/connect", StringComparison.Ordinal));
        Assert.Equal(0, await App.QueryAsync(db => db.Outbox.CountAsync(row => row.Status != WorkStatus.Done)));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_clear_refusal_is_tried_again_and_gives_exactly_one_accepted_message(HttpStatusCode refusal)
    {
        var answered = 0;
        Exotel.Reply = _ => Interlocked.Increment(ref answered) == 1
            ? new CannedReply(refusal, """{"RestException":{"Status":503,"Message":"Too many requests"}}""")
            : null;
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        await SendAsync(user, "activation_nudge");

        await DrainAsync();

        Assert.Equal(2, Exotel.Requests.Count);
        var message = Assert.Single(await MessagesAsync());
        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.StartsWith("SM", message.ProviderId);
    }

    private async Task SendAsync(User user, string notification)
    {
        var answer = await App.Api().PostAsJsonAsync(
            $"/api/users/{user.Id}/messages", new { notification, variables = new { name = "Priya", link = "https://x" }, channel = "sms" });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }

    private async Task DrainAsync()
    {
        await App.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        await App.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
        await App.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
    }

    private Task<List<OutboundMessage>> MessagesAsync() =>
        App.QueryAsync(db => db.OutboundMessages.AsNoTracking().OrderBy(message => message.CreatedAt).ToListAsync());
}

public sealed class NeverSendTwiceOnSqlite() : NeverSendTwiceTests(StoreKind.Sqlite);

public sealed class NeverSendTwiceOnPostgres() : NeverSendTwiceTests(StoreKind.Postgres);
