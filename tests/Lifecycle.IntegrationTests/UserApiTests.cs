using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests;

public abstract class UserApiTests(AppFixture fixture)
{
    private readonly LifecycleApp app = fixture.App;

    public static TheoryData<string, string, string> EventTable()
    {
        // (stage, event, expected): a stage name, or 409 — policies.md "Product events".
        var table = new TheoryData<string, string, string>();
        void Row(string evt, params string[] outcomes)
        {
            string[] stages = ["ACQUIRED", "ONBOARDING", "ACTIVATED", "ENGAGED", "AT_RISK", "CHURNED", "OFFBOARDED"];
            for (var i = 0; i < stages.Length; i++)
            {
                table.Add(stages[i], evt, outcomes[i]);
            }
        }

        Row("login", "ACQUIRED", "ONBOARDING", "ENGAGED", "ENGAGED", "ENGAGED", "ENGAGED", "409");
        Row("key_action", "409", "ACTIVATED", "ACTIVATED", "ENGAGED", "ENGAGED", "ENGAGED", "409");
        Row("usage", "ACQUIRED", "ONBOARDING", "ENGAGED", "ENGAGED", "ENGAGED", "ENGAGED", "409");
        Row("usage_drop", "409", "AT_RISK", "AT_RISK", "AT_RISK", "AT_RISK", "409", "409");
        Row("billing_flag", "409", "AT_RISK", "AT_RISK", "AT_RISK", "AT_RISK", "409", "409");
        return table;
    }

    [Theory]
    [MemberData(nameof(EventTable))]
    public async Task Product_event_moves_the_stage_exactly_as_the_policy_table_says(string stage, string type, string expected)
    {
        var user = await Arrange.UserInStageAsync(app, StageNames.Wire.Parse(stage));
        var occurredAt = app.Clock.GetUtcNow().AddDays(2);
        app.Clock.Advance(TimeSpan.FromDays(2));

        var response = await app.Api().PostAsJsonAsync($"/api/users/{user.Id}/events", new { type, occurredAt });

        if (expected == "409")
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(stage, (await GetUserAsync(user.Id)).GetProperty("stage").GetString());
            return;
        }

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stage").GetString());
        Assert.Equal(expected, (await GetUserAsync(user.Id)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Activated_user_stays_activated_until_the_engaged_after_days_have_passed()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var api = app.Api();
        await api.PostAsJsonAsync($"/api/users/{user.Id}/events", new { type = "key_action" });

        var sameDay = await api.PostAsJsonAsync($"/api/users/{user.Id}/events", new { type = "login" });
        app.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await api.PostAsJsonAsync($"/api/users/{user.Id}/events", new { type = "login" });

        Assert.Equal("ACTIVATED", (await sameDay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stage").GetString());
        Assert.Equal("ENGAGED", (await nextDay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Timeline_lists_the_transitions_oldest_first_with_their_triggers()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var api = app.Api();
        foreach (var type in new[] { "key_action", "usage_drop", "login" })
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"/api/users/{user.Id}/events", new { type })).StatusCode);
        }

        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}/timeline");
        var items = timeline.GetProperty("items").EnumerateArray().ToList();
        var entries = items.Where(entry => entry.GetProperty("kind").GetString() == "transition").ToList();

        // Besides the transitions: the at-risk outreach that entering AT_RISK sends and the chat it opens (guide §3.8, §4.3).
        Assert.Equal(
            ["chat:churn", "message:at_risk_outreach"],
            items.Except(entries).Select(entry => entry.GetProperty("kind").GetString() == "chat"
                ? $"chat:{entry.GetProperty("flow").GetString()}"
                : $"message:{entry.GetProperty("notification").GetString()}").Order());
        Assert.Equal(
            ["ACQUIRED", "ONBOARDING", "ACTIVATED", "AT_RISK", "ENGAGED"],
            entries.Select(entry => entry.GetProperty("to").GetString()));
        Assert.Equal(
            ["event:key_action", "event:usage_drop", "event:login"],
            entries.Skip(2).Select(entry => entry.GetProperty("trigger").GetString()));
        var times = entries.Select(entry => entry.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task User_is_shown_with_the_fields_of_the_contract()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);

        var body = await GetUserAsync(user.Id);

        Assert.Equal(user.Id.ToString(), body.GetProperty("id").GetString());
        Assert.Equal(user.Phone!.Value, body.GetProperty("phone").GetString());
        Assert.Equal("ONBOARDING", body.GetProperty("stage").GetString());
        foreach (var field in new[] { "name", "stageUpdatedAt", "lastContactAt", "lastContactChannel", "channelPreference", "optOutSms", "optOutWhatsapp", "activeCampaignId", "cqaLastScore", "createdAt" })
        {
            Assert.True(body.TryGetProperty(field, out _), $"missing {field}");
        }
    }

    [Fact]
    public async Task Users_can_be_listed_by_stage_a_page_at_a_time()
    {
        for (var i = 0; i < 3; i++)
        {
            await Arrange.UserInStageAsync(app, LifecycleStage.Churned);
        }

        var page = await app.Api().GetFromJsonAsync<JsonElement>("/api/users?stage=CHURNED&page=1&pageSize=2");

        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), item => Assert.Equal("CHURNED", item.GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task Preferences_update_the_opt_outs_and_the_preferred_channel()
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Engaged);

        var response = await app.Api().PutAsJsonAsync($"/api/users/{user.Id}/preferences", new { optOutSms = true, channelPreference = "whatsapp" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await GetUserAsync(user.Id);
        Assert.True(body.GetProperty("optOutSms").GetBoolean());
        Assert.False(body.GetProperty("optOutWhatsapp").GetBoolean());
        Assert.Equal("whatsapp", body.GetProperty("channelPreference").GetString());
    }

    [Theory]
    [InlineData("/api/users", null)]
    [InlineData("/api/users", "not-a-key")]
    public async Task Api_without_a_valid_key_is_401_problem_details(string path, string? key)
    {
        var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_user_is_404_problem_details()
    {
        var response = await app.Api().GetAsync($"/api/users/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string, string, string> InvalidRequests() => new()
    {
        { "POST", "events", """{"type":"dance"}""", "type" },
        { "POST", "events", """{}""", "type" },
        { "POST", "events", """{"type":"login","occurredAt":"not-a-date"}""", "occurredAt" },
        { "PUT", "preferences", """{"channelPreference":"fax"}""", "channelPreference" },
        { "PUT", "preferences", """{"optOutSms":"maybe"}""", "optOutSms" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_input_is_400_problem_details_naming_the_field(string method, string route, string json, string field)
    {
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/users/{user.Id}/{route}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };

        var response = await app.Api().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
        Assert.Equal("ONBOARDING", (await GetUserAsync(user.Id)).GetProperty("stage").GetString());
    }

    [Theory]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("stage=SLEEPING", "stage")]
    [InlineData("page=abc", "page")]
    public async Task Invalid_list_query_is_400_naming_the_parameter(string query, string field)
    {
        var response = await app.Api().GetAsync($"/api/users?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
    }

    private async Task<JsonElement> GetUserAsync(UserId id) => await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{id}");
}

public sealed class UserApiOnSqlite(SqliteApp fixture) : UserApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class UserApiOnPostgres(PostgresApp fixture) : UserApiTests(fixture), IClassFixture<PostgresApp>;
