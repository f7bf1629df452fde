using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

public abstract class SmsWebhookTests(AppFixture fixture)
{
    private const string Route = "/webhooks/exotel/sms";
    private readonly LifecycleApp app = fixture.App;

    [Fact]
    public async Task Signed_form_status_is_accepted_at_once_and_applied_to_the_message_by_the_inbox()
    {
        var (user, sid) = await SentSmsAsync();

        var response = await Webhook.PostAsync(app, Route, Status(sid, "sent", "20005"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("submitted", await MessageStatusAsync(user));

        await DrainInboxAsync();

        Assert.Equal("delivered", await MessageStatusAsync(user));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("multipart")]
    public async Task Json_and_multipart_bodies_are_read_like_forms(string encoding)
    {
        var (user, sid) = await SentSmsAsync();
        var (body, contentType) = encoding == "json"
            ? ($$"""{"SmsSid":"{{sid}}","To":"{{user.Phone!.Value}}","Status":"undelivered","DetailedStatusCode":30006}""", "application/json")
            : (Multipart(("SmsSid", sid), ("Status", "undelivered")), "multipart/form-data; boundary=xyz");

        var response = await Webhook.PostAsync(app, Route, body, contentType);
        await DrainInboxAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("undelivered", await MessageStatusAsync(user));
    }

    [Fact]
    public async Task An_exact_redelivery_is_a_duplicate_but_a_new_status_of_the_same_sms_is_a_new_event()
    {
        var (user, sid) = await SentSmsAsync();

        var first = await Webhook.PostAsync(app, Route, Status(sid, "submitted", "20001"));
        var again = await Webhook.PostAsync(app, Route, Status(sid, "submitted", "20001"));
        var next = await Webhook.PostAsync(app, Route, Status(sid, "sent", "20005"));
        await DrainInboxAsync();

        Assert.Equal("accepted", await AnswerAsync(first));
        Assert.Equal("duplicate", await AnswerAsync(again));
        Assert.Equal("accepted", await AnswerAsync(next));
        Assert.Equal(2, await app.QueryAsync(db => db.Inbox.CountAsync(row => row.EventKey.StartsWith(sid))));
        Assert.Equal("delivered", await MessageStatusAsync(user));
    }

    [Fact]
    public async Task Concurrent_redeliveries_of_one_event_are_stored_once_and_answered_duplicate_but_once()
    {
        var (_, sid) = await SentSmsAsync();
        var body = Status(sid, "sent", "20005");

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ => await AnswerAsync(await Webhook.PostAsync(app, Route, body))));

        Assert.Equal(1, answers.Count(answer => answer == "accepted"));
        Assert.Equal(23, answers.Count(answer => answer == "duplicate"));
        Assert.Equal(1, await app.QueryAsync(db => db.Inbox.CountAsync(row => row.EventKey.StartsWith(sid))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-hex")]
    [InlineData("")]
    public async Task An_unsigned_or_wrongly_signed_webhook_is_401_and_stores_nothing(string? signature)
    {
        var (user, sid) = await SentSmsAsync();
        var body = Status(sid, "sent", "20005");
        var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Exotel-Signature", signature);
        }

        var response = await app.CreateClient().SendAsync(request);
        await DrainInboxAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.QueryAsync(db => db.Inbox.CountAsync(row => row.EventKey.StartsWith(sid))));
        Assert.Equal("submitted", await MessageStatusAsync(user));
    }

    [Fact]
    public async Task A_signature_with_another_body_is_401()
    {
        var (_, sid) = await SentSmsAsync();

        var response = await Webhook.PostAsync(app, Route, Status(sid, "sent", "20005"), signature: Webhook.Sign(LifecycleApp.ExotelSecret, "Status=failed"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task During_a_rotation_the_next_secret_and_a_bare_hex_signature_are_accepted()
    {
        var (_, sid) = await SentSmsAsync();
        var body = Status(sid, "sent", "20005");

        var response = await Webhook.PostAsync(app, Route, body, signature: Webhook.Sign(LifecycleApp.RotatedExotelSecret, body)["sha256=".Length..]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Status=sent", "smsSid")]
    [InlineData("SmsSid=SM1&Status=exploded", "status")]
    public async Task A_signed_body_without_its_identifying_fields_is_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var before = await app.QueryAsync(db => db.Inbox.CountAsync());

        var response = await Webhook.PostAsync(app, Route, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.Equal(before, await app.QueryAsync(db => db.Inbox.CountAsync()));
    }

    [Fact]
    public async Task A_signed_body_that_cannot_be_read_is_400()
    {
        var response = await Webhook.PostAsync(app, Route, "{not json", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Other_content_types_are_415_and_bodies_over_64_KiB_are_413()
    {
        var plain = await Webhook.PostAsync(app, Route, "SmsSid=SM1&Status=sent", "text/plain");
        var huge = await Webhook.PostAsync(app, Route, "SmsSid=SM1&Status=sent&Pad=" + new string('x', 65 * 1024));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task A_callback_that_beats_our_own_record_is_kept_and_applied_once_the_record_exists()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var sid = $"SM{Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.OK, (await Webhook.PostAsync(app, Route, Status(sid, "sent", "20005"))).StatusCode);
        await DrainInboxAsync();
        var pending = await app.QueryAsync(db => db.Inbox.AsNoTracking().SingleAsync(row => row.EventKey.StartsWith(sid)));

        await Arrange.SmsAsync(app, user, sid);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await DrainInboxAsync();

        Assert.Equal(WorkStatus.Pending, pending.Status);
        Assert.Equal(1, pending.Attempts);
        Assert.Contains(sid, pending.LastError);
        Assert.Equal("delivered", await MessageStatusAsync(user));
    }

    private static string Status(string sid, string status, string code) =>
        Webhook.Form(("SmsSid", sid), ("To", "+919876543210"), ("Status", status), ("DetailedStatus", "DELIVERED_TO_HANDSET"), ("DetailedStatusCode", code), ("DateSent", "2026-05-19 10:23:00"));

    private static string Multipart(params (string Name, string Value)[] fields) =>
        string.Concat(fields.Select(field => $"--xyz\r\nContent-Disposition: form-data; name=\"{field.Name}\"\r\n\r\n{field.Value}\r\n")) + "--xyz--\r\n";

    private static async Task<string?> AnswerAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();

    private async Task<(User User, string Sid)> SentSmsAsync()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var sid = $"SM{Guid.NewGuid():N}";
        await Arrange.SmsAsync(app, user, sid);
        return (user, sid);
    }

    private Task DrainInboxAsync() => app.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);

    private async Task<string?> MessageStatusAsync(User user)
    {
        var timeline = await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}/timeline");
        return timeline.GetProperty("items").EnumerateArray()
            .Single(entry => entry.GetProperty("kind").GetString() == "message")
            .GetProperty("status").GetString();
    }
}

public sealed class SmsWebhookOnSqlite(SqliteApp fixture) : SmsWebhookTests(fixture), IClassFixture<SqliteApp>;

public sealed class SmsWebhookOnPostgres(PostgresApp fixture) : SmsWebhookTests(fixture), IClassFixture<PostgresApp>;
