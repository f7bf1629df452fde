using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests;

/// <summary><c>GET /api/tickets</c>: pages of tickets, newest first, by status and kind, each naming its user, interaction and agent.</summary>
public abstract class TicketApiTests(AppFixture fixture)
{
    private LifecycleApp App => fixture.App;

    [Fact]
    public async Task Tickets_are_paged_newest_first_and_filtered_by_status_and_kind()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Engaged);
        var at = App.Clock.GetUtcNow();
        var support = Ticket.Open(user.Id, TicketKind.Support, "chat handed to a support call", null, Guid.NewGuid(), at);
        var callback = Ticket.Open(user.Id, TicketKind.Callback, "not resolved on the first call", "CA_t1", null, at.AddMinutes(1),
            agentId: "agent-42", interactionId: "call-CA_t1", dueAt: at.AddDays(1));
        var closed = Ticket.Open(user.Id, TicketKind.Support, "no live-chat agent within 00:05:00", null, null, at.AddMinutes(2));
        closed.Close("cqa:auto_close", at.AddMinutes(3));
        await App.QueryAsync(db =>
        {
            db.AddRange(support, callback, closed);
            return db.SaveChangesAsync();
        });
        var api = App.Api();

        var open = await PageAsync(api, $"/api/tickets?status=open&pageSize=200");
        var mine = open.GetProperty("items").EnumerateArray().Where(item => item.GetProperty("userId").GetGuid() == user.Id.Value).ToList();
        Assert.Equal([callback.Id, support.Id], mine.Select(item => item.GetProperty("id").GetGuid()));
        Assert.Equal(("callback", "CA_t1", "call-CA_t1", "agent-42", "open"),
            (Text(mine[0], "kind"), Text(mine[0], "callSid"), Text(mine[0], "interactionId"), Text(mine[0], "agentId"), Text(mine[0], "status")));
        Assert.Equal(support.ConversationId, mine[1].GetProperty("conversationId").GetGuid());

        var closedPage = await PageAsync(api, "/api/tickets?status=closed&kind=support&pageSize=200");
        var closedItem = Assert.Single(closedPage.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == closed.Id);
        Assert.Equal("cqa:auto_close", Text(closedItem, "resolution"));
        Assert.NotEqual(JsonValueKind.Null, closedItem.GetProperty("closedAt").ValueKind);
        Assert.DoesNotContain(closedPage.GetProperty("items").EnumerateArray(), item => Text(item, "status") == "open" || Text(item, "kind") != "support");

        var second = await PageAsync(api, "/api/tickets?page=2&pageSize=1");
        Assert.Equal((2, 1, 1), (second.GetProperty("page").GetInt32(), second.GetProperty("pageSize").GetInt32(), second.GetProperty("items").GetArrayLength()));
        Assert.True(second.GetProperty("total").GetInt32() >= 3);
    }

    [Theory]
    [InlineData("status=pending", "status")]
    [InlineData("kind=complaint", "kind")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task A_bad_query_is_a_400_naming_the_field(string query, string field)
    {
        var answer = await App.Api().GetAsync($"/api/tickets?{query}");

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (answer.StatusCode, answer.Content.Headers.ContentType?.MediaType));
        Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Tickets_need_the_api_key() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/tickets")).StatusCode);

    private static async Task<JsonElement> PageAsync(HttpClient api, string url) => await api.GetFromJsonAsync<JsonElement>(url);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

public sealed class TicketApiOnSqlite(SqliteApp fixture) : TicketApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class TicketApiOnPostgres(PostgresApp fixture) : TicketApiTests(fixture), IClassFixture<PostgresApp>;
