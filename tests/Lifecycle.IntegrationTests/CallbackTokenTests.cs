using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// Exotel's SMS, call and WhatsApp callbacks carry no signature: they prove themselves by the token in the URL we
/// handed Exotel (api.md "Authentication of a callback", ADR 0005). Payloads are the documented ones.
/// </summary>
public abstract class CallbackTokenTests(TokenAppFixture fixture)
{
    private readonly LifecycleApp app = fixture.App;

    [Fact]
    public async Task An_unsigned_documented_sms_callback_to_the_url_we_handed_exotel_is_applied()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var request = await SendAsync(user, "sms", path => path.EndsWith("/Sms/send", StringComparison.Ordinal));
        var statusCallback = request.Form["StatusCallback"];
        var sid = (await MessageAsync(user)).ProviderId!;

        var response = await Webhook.PostUnsignedAsync(
            app, statusCallback, ExotelFixtures.Read("sms-callback-sent.form").Replace("sms_sid_value", sid), "application/x-www-form-urlencoded");
        await DrainInboxAsync();

        Assert.Equal($"http://lifecycle.test/webhooks/exotel/sms/{TokenAppFixture.Token}", statusCallback);
        Assert.Equal("accepted", await AnswerAsync(response));
        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(user)).Status);
    }

    [Fact]
    public async Task An_unsigned_whatsapp_delivery_report_in_exotels_shape_to_the_url_we_handed_exotel_is_applied()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var sid = $"WA{Guid.NewGuid():N}";
        fixture.Exotel.Reply = recorded => recorded.Path.EndsWith("/messages", StringComparison.Ordinal)
            ? new CannedReply(HttpStatusCode.Accepted, ExotelFixtures.Read("whatsapp-send-reply.json").Replace("msg_sid_value", sid))
            : null;
        var request = await SendAsync(user, "whatsapp", path => path.EndsWith("/messages", StringComparison.Ordinal));
        var statusCallback = JsonNode.Parse(request.Body)!["status_callback"]!.GetValue<string>();

        var response = await Webhook.PostUnsignedAsync(
            app, statusCallback, ExotelFixtures.Read("whatsapp-callback-dlr.json").Replace("2FdiiEQUosckPhpZfuVwfjxiSlc16a4", sid), "application/json");
        await DrainInboxAsync();

        Assert.Equal($"http://lifecycle.test/webhooks/exotel/whatsapp/{TokenAppFixture.Token}", statusCallback);
        Assert.Equal("accepted", await AnswerAsync(response));
        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(user)).Status);
    }

    [Fact]
    public async Task The_rotated_token_is_accepted_too()
    {
        var response = await Webhook.PostUnsignedAsync(
            app, $"http://lifecycle.test/webhooks/exotel/sms/{TokenAppFixture.RotatedToken}", ExotelFixtures.Read("sms-inbound.form"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("sms", "sms-callback-sent.form", "application/x-www-form-urlencoded")]
    [InlineData("whatsapp", "whatsapp-callback-dlr.json", "application/json")]
    [InlineData("call", "call-status-callback.form", "application/x-www-form-urlencoded")]
    public async Task A_wrong_token_is_401_problem_details_and_stores_nothing(string product, string fixtureName, string contentType)
    {
        var before = await InboxCountAsync();

        var response = await Webhook.PostUnsignedAsync(
            app, $"http://lifecycle.test/webhooks/exotel/{product}/not-the-configured-token", ExotelFixtures.Read(fixtureName), contentType);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await InboxCountAsync());
    }

    [Fact]
    public async Task An_unsigned_callback_without_a_token_is_401()
    {
        var response = await Webhook.PostUnsignedAsync(
            app, "http://lifecycle.test/webhooks/exotel/sms", ExotelFixtures.Read("sms-callback-sent.form"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_callback_is_still_accepted_without_a_token()
    {
        var response = await Webhook.PostAsync(app, "/webhooks/exotel/sms", ExotelFixtures.Read("sms-inbound.form"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Cqa_takes_no_token()
    {
        var response = await Webhook.PostUnsignedAsync(
            app, $"http://lifecycle.test/webhooks/cqa/{TokenAppFixture.Token}", ExotelFixtures.Read("cqa-webhook-completed.json"), "application/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Several_events_in_one_post_are_each_stored_and_the_post_is_a_duplicate_only_when_all_are()
    {
        var url = $"http://lifecycle.test/webhooks/exotel/whatsapp/{TokenAppFixture.Token}";
        string Body(params string[] sids) =>
            "{\"whatsapp\":{\"messages\":[" + string.Join(',', sids.Select(sid => $$"""{"callback_type":"dlr","sid":"{{sid}}","exo_status_code":30002}""")) + "]}}";
        var (first, second) = ($"WA{Guid.NewGuid():N}", $"WA{Guid.NewGuid():N}");

        var both = await AnswerAsync(await Webhook.PostUnsignedAsync(app, url, Body(first, second), "application/json"));
        var again = await AnswerAsync(await Webhook.PostUnsignedAsync(app, url, Body(first, second), "application/json"));
        var oneNew = await AnswerAsync(await Webhook.PostUnsignedAsync(app, url, Body(first, $"WA{Guid.NewGuid():N}"), "application/json"));

        Assert.Equal(("accepted", "duplicate", "accepted"), (both, again, oneNew));
        Assert.Equal(2, await app.QueryAsync(db => db.Inbox.CountAsync(row => row.EventKey.StartsWith(first) || row.EventKey.StartsWith(second))));
    }

    private async Task<RecordedRequest> SendAsync(User user, string channel, Func<string, bool> isTheSend)
    {
        (await app.Api().PostAsJsonAsync(
            $"/api/users/{user.Id}/messages",
            new { notification = "activation_nudge", channel, variables = new { name = "Priya", link = "https://app.example/start" } })).EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
        // Our JSON writer escapes the '+', our form encoder percent-encodes it: the digits identify the request either way.
        var digits = user.Phone!.Value[1..];
        return fixture.Exotel.Requests.Last(recorded => isTheSend(recorded.Path) && recorded.Body.Contains(digits, StringComparison.Ordinal));
    }

    private Task<OutboundMessage> MessageAsync(User user) =>
        app.QueryAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(message => message.UserId == user.Id));

    private Task<int> InboxCountAsync() => app.QueryAsync(db => db.Inbox.CountAsync());

    private Task DrainInboxAsync() => app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);

    private static async Task<string?> AnswerAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
}

public sealed class CallbackTokenOnSqlite(SqliteTokenApp fixture) : CallbackTokenTests(fixture), IClassFixture<SqliteTokenApp>;

public sealed class CallbackTokenOnPostgres(PostgresTokenApp fixture) : CallbackTokenTests(fixture), IClassFixture<PostgresTokenApp>;
