using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>Notifications through the SMS rung: retry, timeout, promotional window, opt-out, refusals (policies.md).</summary>
public abstract class SmsLadderTests(StoreKind kind) : AppPerTest(kind)
{
    [Fact]
    public async Task A_notification_goes_out_as_an_sms_with_the_variables_filled_in()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);

        var answer = await SendAsync(user, "activation_nudge", new { name = "Priya", link = "https://app.example/start" }, "sms");
        await DrainAsync();

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sms", body.GetProperty("channel").GetString());
        var sent = Assert.Single(Exotel.Requests);
        Assert.Equal("Priya, your account is ready. Take the first step: https://app.example/start", sent.Form["Body"]);
        Assert.Equal("1107170000000000004", sent.Form["DltTemplateId"]);
        Assert.Equal(body.GetProperty("messageId").GetString(), sent.Form["CustomField"]);
    }

    [Fact]
    public async Task An_undelivered_sms_is_retried_once_with_the_same_content()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        await SendAsync(user, "activation_nudge", new { name = "Priya", link = "https://x" }, "sms");
        await DrainAsync();

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await CallbackAsync(Exotel.Requests.Last(), "undelivered");
        await DrainAsync();

        var messages = await MessagesAsync(user);
        Assert.Equal(2, messages.Count);
        Assert.Equal((MessageStatus.Undelivered, 1), (messages[0].Status, messages[0].Attempt));
        Assert.Equal((MessageStatus.Submitted, 2), (messages[1].Status, messages[1].Attempt));
        Assert.Equal(messages[0].Body, messages[1].Body);
        Assert.Equal(messages[0].DeliveryId, messages[1].DeliveryId);
        Assert.Equal(2, Exotel.Requests.Count);
    }

    [Fact]
    public async Task The_second_failure_hands_the_notification_to_the_next_rung_and_records_when_none_is_left()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        await SendAsync(user, "offboarding_confirmation", new { }, "sms");
        await DrainAsync();
        await CallbackAsync(Exotel.Requests.Last(), "failed");
        await DrainAsync();

        await CallbackAsync(Exotel.Requests.Last(), "undelivered");
        await DrainAsync();

        var messages = await MessagesAsync(user);
        Assert.Equal(2, messages.Count);
        Assert.True(messages[1].Escalated);
        Assert.Contains("no channel left", messages[1].StatusDetail);
    }

    [Fact]
    public async Task No_terminal_status_within_the_timeout_counts_as_a_failure()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        await SendAsync(user, "activation_nudge", new { name = "Priya", link = "https://x" }, "sms");
        await DrainAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(4));
        await DrainAsync();
        var early = (await MessagesAsync(user)).Count;
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await DrainAsync();

        await DrainAsync();

        Assert.Equal(1, early);
        var messages = await MessagesAsync(user);
        Assert.Equal([MessageStatus.Undelivered, MessageStatus.Submitted], messages.Select(m => m.Status));
    }

    [Fact]
    public async Task A_dnd_block_is_not_retried_on_sms_but_goes_to_whatsapp()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        await SendAsync(user, "activation_nudge", new { name = "Priya", link = "https://x" }, "sms");
        await DrainAsync();

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await CallbackAsync(Exotel.Requests.Last(), "failed_dnd");
        await DrainAsync();

        Assert.Single(Exotel.Requests, request => request.Path.EndsWith("/Sms/send", StringComparison.Ordinal));
        Assert.Equal([Channel.Sms, Channel.WhatsApp], (await MessagesAsync(user)).Select(message => message.Channel));
    }

    [Fact]
    public async Task A_promotional_sms_outside_the_window_waits_for_nine_in_the_morning_ist()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Churned);
        var tenPastTenAtNightIst = new DateTimeOffset(2026, 5, 19, 16, 40, 0, TimeSpan.Zero);
        App.Clock.SetUtcNow(tenPastTenAtNightIst);

        await SendAsync(user, "win_back", new { name = "Priya", offer = "30% off", link = "https://x" }, "sms");
        await DrainAsync();
        var atNight = Exotel.Requests.Count;
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 20, 3, 30, 0, TimeSpan.Zero));
        await DrainAsync();

        Assert.Equal(0, atNight);
        Assert.Equal("promotional", Assert.Single(Exotel.Requests).Form["SmsType"]);
    }

    [Fact]
    public async Task A_channel_the_user_opted_out_of_is_skipped_and_with_no_rung_left_nothing_is_sent()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        await App.Api().PutAsJsonAsync($"/api/users/{user.Id}/preferences", new { optOutSms = true });

        var answer = await SendAsync(user, "offboarding_confirmation", new { }, "auto");
        await DrainAsync();

        Assert.Equal("none", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("channel").GetString());
        Assert.Empty(Exotel.Requests);
        Assert.Equal(MessageStatus.Failed, (await MessagesAsync(user)).Single().Status);
    }

    [Fact]
    public async Task An_inbound_stop_opts_the_user_out_of_sms_and_start_opts_them_back_in()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);

        await InboundAsync(user, "STOP");
        var afterStop = await OptOutSmsAsync(user);
        await InboundAsync(user, " start ");

        Assert.True(afterStop);
        Assert.False(await OptOutSmsAsync(user));
    }

    [Theory]
    [InlineData("""{"notification":"no_such_thing"}""", "notification")]
    [InlineData("""{"notification":"activation_nudge","variables":{"name":"Priya"}}""", "variables.link")]
    [InlineData("""{"notification":"activation_nudge","variables":{"name":"P","link":"x"},"channel":"pigeon"}""", "channel")]
    public async Task A_bad_message_request_is_400_naming_the_field(string json, string field)
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);

        var response = await App.Api().PostAsync(
            $"/api/users/{user.Id}/messages", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.Empty(await MessagesAsync(user));
    }

    private async Task InboundAsync(User user, string body)
    {
        var response = await Webhook.PostAsync(
            App, "/webhooks/exotel/sms", Webhook.InboundSms(user.Phone!.Value, body));
        response.EnsureSuccessStatusCode();
        await DrainAsync();
    }

    private async Task<bool> OptOutSmsAsync(User user) =>
        (await App.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}")).GetProperty("optOutSms").GetBoolean();

    private Task<HttpResponseMessage> SendAsync(User user, string notification, object variables, string channel) =>
        App.Api().PostAsJsonAsync($"/api/users/{user.Id}/messages", new { notification, variables, channel });

    private async Task CallbackAsync(RecordedRequest sent, string status)
    {
        var sid = (await App.QueryAsync(db => db.OutboundMessages.AsNoTracking()
            .SingleAsync(m => m.Id == Guid.Parse(sent.Form["CustomField"])))).ProviderId!;
        var response = await Webhook.PostAsync(App, "/webhooks/exotel/sms", Webhook.Form(("SmsSid", sid), ("Status", status)));
        response.EnsureSuccessStatusCode();
    }

    private async Task DrainAsync()
    {
        await App.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
        await App.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        await App.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
    }

    private Task<List<OutboundMessage>> MessagesAsync(User user) =>
        App.QueryAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.UserId == user.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Attempt).ToListAsync());
}

public sealed class SmsLadderOnSqlite() : SmsLadderTests(StoreKind.Sqlite);

public sealed class SmsLadderOnPostgres() : SmsLadderTests(StoreKind.Postgres);
